// The first run provisions tools and snapshots the service; the second runs no command and makes no snapshot.
def pom = new File(basedir, 'pom.xml').text
def prefix = (pom =~ /<berth.imagePrefix>(.+)<\/berth.imagePrefix>/)[0][1]
def service = (pom =~ /<name>(cache\d+)<\/name>/)[0][1]
def project = 'io.github.berth.it:provision-and-snapshot'
def snapshotName = "warm-${service}-snapshot"
def docker = { String... args ->
    def process = (['docker'] + args.toList()).execute()
    def out = new StringBuilder()
    process.waitForProcessOutput(out, out)
    [process.exitValue(), out.toString().trim()]
}
try {
    String log = new File(basedir, 'build.log').text
    assert log.findAll(~/Image ${prefix}tools provisioned \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll(~/Image ${prefix}tools up to date \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll("${prefix}tools> installing 1.0").size() == 1
    assert log.findAll(~/Snapshot ${snapshotName} made \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll(~/Service ${service} ready: /).size() == 2

    def (code, labels) = docker('image', 'inspect', '--format', '{{json .Config.Labels}}', "${prefix}tools:latest")
    assert code == 0
    assert labels.contains('"io.github.berth.builder":"tools"')
    assert labels =~ /"io.github.berth.key":"[0-9a-f]{64}"/
    def (code2, snapshot) = docker('image', 'inspect', '--format', '{{json .Config.Labels}}', "${snapshotName}:latest")
    assert code2 == 0
    assert snapshot.contains("\"io.github.berth.builder\":\"${snapshotName}\"")
    assert snapshot.contains("\"io.github.berth.snapshot\":\"${service}\"")
    assert !snapshot.contains('"io.github.berth.cluster":"warm"')
    def (code3, left) = docker('ps', '-aq', '--filter', "label=io.github.berth.project=${project}",
            '--filter', "label=io.github.berth.directory=${basedir.absolutePath}")
    assert left == ''
    return true
} finally {
    // Only this run's images, by their unique names; children go before the images they were made from.
    3.times {
        def (code, refs) = docker('images', '--format', '{{.ID}}', '--filter', "reference=${prefix}*",
                '--filter', "reference=${snapshotName}")
        refs.readLines().findAll { it }.unique().each { docker('rmi', '-f', it) }
    }
}
