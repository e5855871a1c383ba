// The start got as far as creating the cluster; the interrupted Maven removed it before it ended.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:cluster-interrupted'
try {
    String log = new File(basedir, 'build.log').text
    assert log =~ /created network berth-cluster-interrupted-\w+ in/
    assert log.contains("Started service app (cluster-interrupted-app-")
    assert !log.contains('Cluster cluster-interrupted ready in ')
    assert !log.contains("Service app of cluster cluster-interrupted failed")
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
