// A valid root file system tarball, so that only its digest is wrong.
def process = ['/bin/busybox', 'tar', '-cf', 'rootfs.tar', '-C', '/bin', 'busybox'].execute(null, basedir)
process.waitForProcessOutput(System.out, System.err)
return process.exitValue() == 0
