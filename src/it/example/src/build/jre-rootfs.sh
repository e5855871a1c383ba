#!/bin/sh
# Makes OUT/jre-rootfs.tar.gz: a root file system holding a jlink runtime of JAVA_HOME in /opt/jre and the shared
# libraries it loads (found with ldd) at their paths, for `FROM secure:` to import. The tarball is reproducible:
# names sorted, owner root, times zero, gzip without a time stamp, so its digest stays the same for the same JDK.
set -eu
java_home=$1
out=$2
root=$out/rootfs

rm -rf "$root"
mkdir -p "$root/opt" "$root/tmp"
chmod 1777 "$root/tmp"
"$java_home/bin/jlink" --add-modules java.base,jdk.httpserver,java.management,java.instrument \
  --strip-debug --no-header-files --no-man-pages --output "$root/opt/jre"

{
  ldd "$root/opt/jre/bin/java"
  find "$root/opt/jre/lib" -name '*.so' -exec ldd {} \;
} 2>/dev/null | grep -o '/[^ ]* (0x' | sed 's/ (0x$//' | grep -v "^$root" | sort -u | while read -r library; do
  mkdir -p "$root$(dirname "$library")"
  cp -L "$library" "$root$library"
done

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime=@0 -C "$root" -cf - . | gzip -n >"$out/jre-rootfs.tar.gz"
