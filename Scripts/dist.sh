#!/usr/bin/env bash
# Builds a portable `gazette` for machines without Swift (Spark workers, other Linux hosts) and packs it into one
# tarball, dist/gazette-linux-<arch>.tar.gz:
#
#   gazette/bin/gazette                    release build, Swift runtime and Foundation linked in (--static-swift-stdlib)
#   gazette/lib/                           every other shared library it loads except glibc's own: ICU, libarchive,
#                                          libxml2, zlib, liblzma, libzstd, liblz4, libbz2, libnettle, libacl,
#                                          libstdc++, libgcc_s (found through the binary's RPATH $ORIGIN/../lib)
#   gazette/share/gazette/Gazetteers/      the resources; the binary finds them next to itself, no variable needed
#   gazette/share/gazette/Models/
#   gazette/BUILD-INFO, gazette/LICENSE    version, commit, the glibc it needs
#
# A worker then needs only Linux on the same architecture with glibc at least the version BUILD-INFO names.
# Why bundle instead of linking ICU statically: libxml2 and libarchive are shared libraries that themselves load
# libicuuc.so.72 and the compression, ACL and crypto libraries, so a static ICU alone would not free the workers of
# them.
#
# The tarball is checked before it is reported: unpacked into a temporary folder, every library but glibc's must
# resolve into its lib/, and it must annotate the sample article with an empty environment; as root also inside a
# chroot that holds nothing but glibc and /proc (so nothing of the build machine can help).
#
# Usage: Scripts/dist.sh [--output DIR (default dist)] [--scratch-path DIR (default .build-dist)] [--skip-build]
set -euo pipefail
cd "$(dirname "$0")/.."

output=dist
scratch=.build-dist
skip_build=false
while [ $# -gt 0 ]; do
    case "$1" in
        --output) output=$2; shift 2 ;;
        --scratch-path) scratch=$2; shift 2 ;;
        --skip-build) skip_build=true; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
        *) echo "Scripts/dist.sh: unknown argument $1" >&2; exit 2 ;;
    esac
done

arch=$(uname -m)
name="gazette-linux-$arch"
tarball="$output/$name.tar.gz"

if ! $skip_build; then
    # --disable-new-dtags writes DT_RPATH rather than DT_RUNPATH: RPATH also applies to the libraries' own
    # dependencies (libarchive → liblzma), so every bundled library is taken from lib/, none from the host.
    swift build -c release --static-swift-stdlib --product gazette --scratch-path "$scratch" \
        -Xlinker --disable-new-dtags -Xlinker -rpath -Xlinker '$ORIGIN/../lib' >&2
fi
binary="$scratch/release/gazette"
[ -x "$binary" ] || { echo "Scripts/dist.sh: no $binary (build first or drop --skip-build)" >&2; exit 2; }
if ldd "$binary" | grep -q 'libswiftCore'; then
    echo "Scripts/dist.sh: $binary loads the Swift runtime dynamically; was it built with --static-swift-stdlib?" >&2
    exit 2
fi

stage=$(realpath "$(mktemp -d "${TMPDIR:-/tmp}/gazette-dist.XXXXXX")")
jail="$stage/jail"
# The chroot check mounts /proc in the jail: unmount it before removing anything.
trap 'umount "$jail/proc" 2> /dev/null || true; rm -rf --one-file-system "$stage"' EXIT
root="$stage/gazette"
mkdir -p "$root/bin" "$root/lib" "$root/share/gazette"
cp "$binary" "$root/bin/gazette"
strip --strip-debug "$root/bin/gazette"

# Every library the dynamic loader resolves, except glibc itself (and the vDSO): glibc must match the kernel
# interface of the host and is the one thing a worker provides.
is_glibc() {
    case "$1" in
        linux-vdso.so.*|ld-linux*.so.*|libc.so.*|libm.so.*|libpthread.so.*|libdl.so.*|librt.so.*|libresolv.so.*|libutil.so.*|libmvec.so.*) return 0 ;;
        *) return 1 ;;
    esac
}
# "soname path" for each library ldd resolves (the loader's own line names only its path).
resolved_libraries() {
    ldd "$binary" | awk '$2 == "=>" && $3 ~ /^\// { print $1, $3 } $1 ~ /^\// { n = split($1, parts, "/"); print parts[n], $1 }'
}
resolved_libraries | while read -r soname path; do
    is_glibc "$soname" && continue
    cp -L "$path" "$root/lib/$soname"
    chmod 0644 "$root/lib/$soname"
    strip --strip-unneeded "$root/lib/$soname"
done

cp -R Gazetteers Models "$root/share/gazette/"
cp LICENSE "$root/LICENSE"

# The newest glibc symbol version any shipped file needs is what a worker's glibc must at least be.
glibc_needed=$(for file in "$root/bin/gazette" "$root"/lib/*; do objdump -T "$file"; done \
    | grep -o 'GLIBC_[0-9][0-9.]*' | sort -u -t_ -k2,2V | tail -n 1 | cut -d_ -f2)
version=$("$binary" --version 2>/dev/null || echo unknown)
commit=$(git rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
dirty=$(git status --porcelain -- Sources Gazetteers Models Package.swift 2>/dev/null | grep -q . && echo " (with uncommitted changes)" || true)
cat > "$root/BUILD-INFO" <<EOF
gazette $version, commit $commit$dirty, built $(date -u +%Y-%m-%dT%H:%M:%SZ) on $(. /etc/os-release && echo "$PRETTY_NAME") with $(swift --version 2>/dev/null | head -n 1)
architecture: $arch
needs: Linux on $arch with glibc $glibc_needed or newer; nothing else (Swift runtime linked in, other libraries in lib/)
run: gazette/bin/gazette --help   (resources are found in share/gazette next to the binary)
bundled libraries: $(ls "$root/lib" | tr '\n' ' ')
EOF

mkdir -p "$output"
# Sorted, owner-free entries, file times kept. (An upgrade unpacked over an old one is noticed by the gazetteer cache
# whatever the times: it also checks each list's status-change time and inode, which unpacking always changes.)
tar --sort=name --owner=0 --group=0 --numeric-owner -C "$stage" -cf - gazette | gzip -n -6 > "$tarball.tmp"
mv "$tarball.tmp" "$tarball"

# Check what was packed, not what was built: unpack, run from elsewhere with an empty environment.
check="$stage/check"
mkdir -p "$check"
tar -xzf "$tarball" -C "$check"
sample=Examples/sample-article.txt
(cd / && env -i "$check/gazette/bin/gazette" --input text < "$OLDPWD/$sample") > "$stage/out.jsonl"
grep -q '"entities":\[{' "$stage/out.jsonl" || { echo "Scripts/dist.sh: the unpacked binary produced no entities" >&2; cat "$stage/out.jsonl" >&2; exit 1; }
# Every library but glibc's must resolve into the unpacked lib/, not to the build machine's copy.
foreign=$(ldd "$check/gazette/bin/gazette" | awk '$2 == "=>" { print $1, $3 }' | while read -r soname path; do
    is_glibc "$soname" || case "$(realpath "$path")" in "$check/gazette/lib/"*) ;; *) echo "$soname => $path" ;; esac
done)
[ -z "$foreign" ] || { echo "Scripts/dist.sh: the unpacked binary loads libraries from outside the tarball: $foreign" >&2; exit 1; }
checked="unpacked and run with an empty environment, every library but glibc resolved from its lib/"
if [ "$(id -u)" -eq 0 ] && command -v chroot > /dev/null && mkdir -p "$jail/proc" "$jail/tmp" \
    && mount -t proc proc "$jail/proc" 2> /dev/null; then
    # A root with nothing but glibc's files, /proc (the loader reads /proc/self/exe to resolve $ORIGIN, as on any
    # real host) and the unpacked tarball: proves the tarball brings everything else.
    resolved_libraries | while read -r soname path; do
        is_glibc "$soname" || continue
        mkdir -p "$jail$(dirname "$path")"
        cp -L "$path" "$jail$path"
    done
    mv "$check/gazette" "$jail/gazette"
    env -i HOME=/tmp "$(command -v chroot)" "$jail" /gazette/bin/gazette --input text < "$sample" > "$stage/out-chroot.jsonl"
    umount "$jail/proc"
    cmp -s "$stage/out.jsonl" "$stage/out-chroot.jsonl" \
        || { echo "Scripts/dist.sh: output inside a glibc-only chroot differs" >&2; diff "$stage/out.jsonl" "$stage/out-chroot.jsonl" >&2 || true; exit 1; }
    checked="$checked, and in a chroot holding only glibc"
else
    checked="$checked (the glibc-only chroot check needs root and mount)"
fi

echo "Scripts/dist.sh: $tarball ($(du -h "$tarball" | cut -f1)); needs glibc $glibc_needed+; $checked" >&2
echo "$tarball"
