// Maven's debug output holds neither secret, though both builds got as far as using them.
import java.util.Base64

def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:secrets-not-logged'
try {
    String log = new File(basedir, 'build.log').text
    // Maven itself prints every Mojo's configuration with -X, as written in the POM; what Berth and its libraries
    // print comes after that.
    def ours = new StringBuilder()
    boolean mavensDump = false
    log.eachLine { line ->
        if (line.startsWith('[DEBUG] === PROJECT BUILD PLAN') || line.startsWith('[DEBUG] Configuring mojo ')) {
            mavensDump = true
        } else if (line.startsWith('[DEBUG] -- end configuration --')
                || (line.startsWith('[INFO]') && mavensDump)) {
            mavensDump = false
        }
        if (!mavensDump) {
            ours.append(line).append('\n')
        }
    }
    assert log.contains('[DEBUG]')
    assert log.contains('Service db of cluster secrets-not-logged failed: exited with code 3')
    assert log.contains('Cannot pull image berth-registry.invalid/team/app:1.0 from berth-registry.invalid (with the'
            + ' credentials for berth-registry.invalid (user berthuser))')
    def secrets = ['hunter2-SuperSecret-42', 'BrkPassw0rd-xyz-42']
    // The engine's API carries credentials in Base64 JSON: no three-byte-aligned slice of it may show either.
    def encoded = secrets.collectMany { secret ->
        (0..2).collectMany { shift ->
            byte[] text = ('x' * shift + secret).bytes
            [Base64.encoder, Base64.urlEncoder].collect { it.encodeToString(text).substring(4, 16) }
        }
    }
    (secrets + encoded).each { secret -> assert !ours.toString().contains(secret): "build.log shows ${secret}" }
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
