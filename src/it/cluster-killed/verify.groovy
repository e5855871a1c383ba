// The second build removed what the killed one left, said so, and left nothing itself.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:cluster-killed'
try {
    String log = new File(basedir, 'build.log').text
    assert log.findAll('Cluster cluster-killed ready in ').size() == 2
    assert log.contains('[WARNING] Removed 1 container, 1 network, 1 volume of cluster cluster-killed left by an'
            + ' earlier build that did not stop it')
    assert log =~ /Stopped cluster cluster-killed: removed 1 container, 1 network, 1 volume in [\d.]+ s/
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
