// Both images are built once with Berth's labels; the second run builds nothing and sends no context.
def prefix = (new File(basedir, 'pom.xml').text =~ /<berth.imagePrefix>(.+)<\/berth.imagePrefix>/)[0][1]
def docker = { String... args ->
    def process = (['docker'] + args.toList()).execute()
    def out = new StringBuilder()
    process.waitForProcessOutput(out, out)
    [process.exitValue(), out.toString().trim()]
}
try {
    String log = new File(basedir, 'build.log').text
    assert log.findAll(~/Image ${prefix}base built \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll(~/Image ${prefix}app built \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll(~/Image ${prefix}base up to date \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.findAll(~/Image ${prefix}app up to date \(\w{12}\) in [\d.]+ s/).size() == 1
    assert log.contains("${prefix}app> Step 1/")

    def (code, labels) = docker('image', 'inspect', '--format', '{{json .Config.Labels}}', "${prefix}app:latest")
    assert code == 0
    assert labels.contains('"io.github.berth.owner":"berth"')
    assert labels.contains('"io.github.berth.builder":"app"')
    assert labels.contains('"io.github.berth.project":"io.github.berth.it:build-images-basic"')
    assert labels =~ /"io.github.berth.key":"[0-9a-f]{64}"/
    return true
} finally {
    // Newest first, so that images go before the images they were built FROM.
    def (code, tags) = docker('images', '--format', '{{.Repository}}:{{.Tag}}', '--filter', "reference=${prefix}*")
    if (tags) {
        docker(*(['rmi'] + tags.readLines()))
    }
}
