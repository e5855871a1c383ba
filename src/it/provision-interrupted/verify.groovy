// The command had started; the interrupted Maven removed its container and volume before it ended.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def filter = ['--filter', 'label=io.github.berth.project=io.github.berth.it:provision-interrupted']
def left = {
    ['ps -aq', 'volume ls -q', 'images -q'].collectMany { command ->
        support.docker(command.split(' ').toList() + filter)[1].readLines().findAll { it }
    }
}
try {
    String log = new File(basedir, 'build.log').text
    assert log.contains('tools> provisioning started')
    assert !log.contains('Image tools provisioned')
    assert left() == []
    return true
} finally {
    support.docker(['ps', '-aq'] + filter)[1].readLines().findAll { it }.each { support.docker(['rm', '-f', it]) }
    support.docker(['volume', 'ls', '-q'] + filter)[1].readLines().findAll { it }.each {
        support.docker(['volume', 'rm', it])
    }
    support.removeImage(support.imageOf(basedir))
}
