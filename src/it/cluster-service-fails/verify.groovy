// The failure names the service, its exit code and what was awaited, shows its output, and nothing is left.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:cluster-service-fails'
try {
    String log = new File(basedir, 'build.log').text
    assert log.contains('Service broken of cluster cluster-service-fails failed: exited with code 3 while waiting for'
            + ' TCP port 8080.')
    assert log.contains('broken> config file /etc/broken.conf missing')
    assert log.contains('Removed 2 containers, 1 network, 0 volumes of cluster cluster-service-fails; set'
            + ' berth.keepOnFailure=true to keep them for debugging.')
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
