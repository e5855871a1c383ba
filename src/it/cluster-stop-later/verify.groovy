// The cluster outlived the first build; the second found it by its labels and removed all of it.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:cluster-stop-later'
try {
    String log = new File(basedir, 'build.log').text
    assert log.contains('Cluster cluster-stop-later ready in ')
    assert log.contains('Skipping stop-cluster (skip parameter of this goal)')
    assert log =~ /Stopped cluster cluster-stop-later: removed 1 container, 1 network, 1 volume in [\d.]+ s/
    assert new File(basedir, 'target/berth/logs/app.log').text.contains('app up')
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
