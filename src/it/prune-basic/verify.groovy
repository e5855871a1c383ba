// The image built first is gone, the current one (app:latest) is kept with both its tags.
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
    assert log.findAll(~/Image ${prefix}app built \(\w{12}\) in [\d.]+ s/).size() == 2
    assert log =~ /Pruned images of io\.github\.berth\.it:prune-basic: removed 1 \(0 dangling\), untagged 0, kept 1 current; freed about [\d.]+ MB in [\d.]+ s/

    def (code, images) = docker('images', '--format', '{{.ID}} {{.Tag}}', '--filter', "reference=${prefix}app")
    assert code == 0
    def lines = images.readLines()
    assert lines.size() == 2 : "expected the current image under two tags, found ${lines}"
    assert lines*.split(' ')*.getAt(0).unique().size() == 1
    assert lines.any { it.endsWith(' latest') }
    def (inspected, message) = docker('image', 'inspect', '--format', '{{index .Config.Labels "message"}}', "${prefix}app:latest")
    assert message == 'two'
    return true
} finally {
    def (code, tags) = docker('images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', "reference=${prefix}*")
    if (tags) {
        docker(*(['rmi'] + tags.readLines()))
    }
}
