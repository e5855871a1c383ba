// The app's coverage files were copied home without the link to /etc; plain had none; the cluster is gone.
def support = evaluate(new File(basedir, '../../../src/it/lib/cluster.groovy'))
def project = 'io.github.berth.it:coverage-basic'
try {
    String log = new File(basedir, 'build.log').text
    assert log.contains('BUILD SUCCESS')
    assert log.contains("Skipped entry 'coverage/etc' of the coverage archive of service app: it links to '/etc',"
            + " outside the target directory; nothing was written for it")
    assert log.contains('Service plain (container ')
    assert log.contains('has no coverage directory /coverage; point its agent there')
    assert log =~ /Collected coverage of 1 of 2 services \(2 files\) into .*target.berth.coverage; no JaCoCo data found; 1 without coverage directory in [\d.]+ s/
    assert log =~ /Stopped cluster coverage-basic: removed 2 containers/

    File collected = new File(basedir, 'target/berth/coverage/app')
    assert new File(collected, 'notes.txt').text == 'hits\n'
    assert new File(collected, 'sub/deep.txt').text == 'deep\n'
    assert !java.nio.file.Files.exists(new File(collected, 'etc').toPath(), java.nio.file.LinkOption.NOFOLLOW_LINKS)
    assert !new File(basedir, 'target/berth/coverage/plain').exists()
    assert support.leftovers(project, basedir) == []
    return true
} finally {
    support.removeLeftovers(project, basedir)
    support.removeImage(support.imageOf(basedir))
}
