// The example ran end to end: images built, tests passed against the cluster, the greeter's coverage came out of its
// container into a JaCoCo report, the cluster is gone and old images were pruned.
def prefix = (new File(basedir, 'pom.xml').text =~ /<berth.imagePrefix>(.+)<\/berth.imagePrefix>/)[0][1]
def docker = { String... args ->
    def process = (['docker'] + args.toList()).execute()
    def out = new StringBuilder()
    def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(out)]
    process.waitForOrKill(60_000)
    readers*.join() // the output is complete only once its readers are done
    [process.exitValue(), out.toString().trim()]
}
try {
    String log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS') : 'the example failed'
    ['jre', 'greeter', 'quotes'].each { name ->
        assert log =~ /Image ${prefix}${name} built \(\w{12}\) in [\d.]+ s/ : "no image ${prefix}${name} built"
    }
    assert log.contains('Tests run: 3, Failures: 0, Errors: 0, Skipped: 0') : 'the failsafe tests did not all pass'
    assert log =~ /Collected coverage of 1 of 1 service \(\d+ files?\) into .*; merged 1 JaCoCo data file into .*jacoco-it\.exec \(\d+ classes\)/ : 'no coverage collected'
    assert log.contains('Stopped cluster example') : 'the cluster was not stopped'
    assert log =~ /Pruned images of io\.github\.berth\.example:berth-example: removed \d+/ : 'prune did not run'

    File exec = new File(basedir, 'target/jacoco-it.exec')
    assert exec.length() > 0 : "no merged coverage in ${exec}"
    File csv = new File(basedir, 'target/site/jacoco-it/jacoco.csv')
    assert csv.isFile() : 'jacoco:report-integration wrote no report'
    def rows = csv.readLines().drop(1).collect { it.split(',') }
    def server = rows.find { it[2] == 'GreeterServer' }
    assert server != null : "GreeterServer missing from ${csv}"
    int linesCovered = server[8] as int
    assert linesCovered > 10 : "GreeterServer has only ${linesCovered} lines covered"
    def greeting = rows.find { it[2] == 'Greeting' }
    assert (greeting[8] as int) > 0 : 'Greeting is not covered'

    def (code, containers) = docker('ps', '-a', '--filter', 'label=io.github.berth.project=io.github.berth.example:berth-example',
            '--filter', "label=io.github.berth.directory=${basedir.canonicalPath}", '--format', '{{.Names}}')
    assert code == 0 && containers.isEmpty() : "containers left: ${containers}"
    return true
} finally {
    def (code, tags) = docker('images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', "reference=${prefix}*")
    if (tags) {
        docker(*(['rmi'] + tags.readLines()))
    }
}
