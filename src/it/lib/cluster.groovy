// Shared by the cluster sample projects: the busybox image they run, built here FROM scratch (nothing is pulled) with
// a label of its own so that no other image shares its id, and what the engine still holds of a project.
// Use: def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
import java.nio.file.*

def docker = { List<String> args ->
    def process = (['docker'] + args).execute()
    def out = new StringBuilder()
    def readers = [process.consumeProcessOutputStream(out), process.consumeProcessErrorStream(out)]
    process.waitFor()
    readers*.join() // the output is complete only once its readers are done
    [process.exitValue(), out.toString().trim()]
}

// The image a sample project runs, as its POM names it in <it.image>.
def imageOf = { File project ->
    (new File(project, 'pom.xml').text =~ /<it.image>(.+)<\/it.image>/)[0][1]
}

def buildImage = { String name ->
    Path context = Files.createTempDirectory('berth-it-busybox')
    try {
        Files.copy(Paths.get('/bin/busybox'), context.resolve('busybox'))
        Files.writeString(context.resolve('Dockerfile'),
                'FROM scratch\nCOPY busybox /bin/busybox\nRUN ["/bin/busybox","--install","-s","/bin"]\n')
        // No cache: layers cached from other builds on the shared engine may be removed while this one uses them.
        def (code, out) = docker(['build', '-q', '--no-cache', '--network', 'none',
                                  '--label', "io.github.berth.test.image=${name}", '-t', name, context.toString()])
        assert code == 0: out
    } finally {
        context.toFile().deleteDir()
    }
}

// Containers, networks and volumes labelled with the project and its folder, as "kind name" lines.
def leftovers = { String project, File folder ->
    def filters = ['--filter', "label=io.github.berth.project=${project}",
                   '--filter', "label=io.github.berth.directory=${folder.absolutePath}"]
    def found = []
    [['ps', '-a', '--format', '{{.Names}}'], ['network', 'ls', '--format', '{{.Name}}'],
     ['volume', 'ls', '--format', '{{.Name}}']].each { command ->
        def (code, out) = docker(command + filters)
        assert code == 0: out
        out.readLines().findAll { it }.each { found << "${command[0]} ${it}" }
    }
    found
}

// Removes what a failed sample left, so that a failure does not leak into the shared engine.
def removeLeftovers = { String project, File folder ->
    def filters = ['--filter', "label=io.github.berth.project=${project}",
                   '--filter', "label=io.github.berth.directory=${folder.absolutePath}"]
    docker(['ps', '-aq'] + filters)[1].readLines().findAll { it }.each { docker(['rm', '-f', it]) }
    docker(['network', 'ls', '-q'] + filters)[1].readLines().findAll { it }.each { docker(['network', 'rm', it]) }
    docker(['volume', 'ls', '-q'] + filters)[1].readLines().findAll { it }.each { docker(['volume', 'rm', it]) }
}

[docker: docker, imageOf: imageOf, buildImage: buildImage, leftovers: leftovers, removeLeftovers: removeLeftovers,
 removeImage: { String name -> docker(['rmi', '-f', name]) }]
