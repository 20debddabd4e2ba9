# devplace export: mdevctl commands, one script per host (--out-dir writes them as HOST.sh)
# plan sha256:feb73439d4a3bc590f4b8e1021d3f3c40d34ce4b1dc15f3c76552c491b2c7851 for fleet sha256:x
# 2 of 2 VMs placed, 0 unplaced; 2 migration(s) in 1 wave(s)
# Run order (each script on its own host; devplace runs nothing itself):
#   wave 1:
#     on gpu-a2: sh gpu-a2.sh 1 prepare
#     live-migrate vm-17 gpu-a1 -> gpu-a2 (your orchestrator)
#     live-migrate thin-1 gvt-1 -> gvt-2 (your orchestrator)
#     on gpu-a1: sh gpu-a1.sh 1 cleanup
#     on gvt-1: sh gvt-1.sh 1 cleanup

# ===== gpu-a1.sh =====
#!/bin/sh
# devplace export: mdevctl commands for host gpu-a1
# plan sha256:feb73439d4a3bc590f4b8e1021d3f3c40d34ce4b1dc15f3c76552c491b2c7851 for fleet sha256:x
# 2 of 2 VMs placed, 0 unplaced; 2 migration(s) in 1 wave(s)
# Usage, on gpu-a1: sh gpu-a1.sh WAVE PHASE, for WAVE PHASE in: 1 cleanup
#   prepare: before the wave's migrations; cleanup: after them
set -eu
[ $# -eq 2 ] || { echo "usage: sh $0 WAVE prepare|cleanup" >&2; exit 2; }
case "$1:$2" in
1:cleanup)
    # source mdev of a VM that moved away
    mdevctl stop --uuid 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11 || true  # already stopped is fine
    mdevctl undefine --parent 0000:3b:00.0 --uuid 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11
    ;;
*)
    echo "$0: nothing for "gpu-a1" in wave $1 $2"
    ;;
esac

# ===== gpu-a2.sh =====
#!/bin/sh
# devplace export: mdevctl commands for host gpu-a2
# plan sha256:feb73439d4a3bc590f4b8e1021d3f3c40d34ce4b1dc15f3c76552c491b2c7851 for fleet sha256:x
# 2 of 2 VMs placed, 0 unplaced; 2 migration(s) in 1 wave(s)
# Usage, on gpu-a2: sh gpu-a2.sh WAVE PHASE, for WAVE PHASE in: 1 prepare
#   prepare: before the wave's migrations; cleanup: after them
set -eu
[ $# -eq 2 ] || { echo "usage: sh $0 WAVE prepare|cleanup" >&2; exit 2; }
case "$1:$2" in
1:prepare)
    # for vm-17, arriving from gpu-a1 (live)
    # start: manual (the fleet does not say how the source mdev was started)
    mdevctl define --parent 0000:3d:00.0 --uuid 9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b --jsonfile /dev/stdin <<'DEVPLACE_JSON'
{"mdev_type":"nvidia-713","start":"manual","attrs":[]}
DEVPLACE_JSON
    mdevctl start --parent 0000:3d:00.0 --uuid 9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b
    ;;
*)
    echo "$0: nothing for "gpu-a2" in wave $1 $2"
    ;;
esac

# ===== gvt-1.sh =====
#!/bin/sh
# devplace export: mdevctl commands for host gvt-1
# plan sha256:feb73439d4a3bc590f4b8e1021d3f3c40d34ce4b1dc15f3c76552c491b2c7851 for fleet sha256:x
# 2 of 2 VMs placed, 0 unplaced; 2 migration(s) in 1 wave(s)
# Usage, on gvt-1: sh gvt-1.sh WAVE PHASE, for WAVE PHASE in: 1 cleanup
#   prepare: before the wave's migrations; cleanup: after them
set -eu
[ $# -eq 2 ] || { echo "usage: sh $0 WAVE prepare|cleanup" >&2; exit 2; }
case "$1:$2" in
1:cleanup)
    # source mdev of a VM that moved away
    mdevctl stop --uuid d29dc1c0-fad4-4712-a6a4-38870c5b6271 || true  # already stopped is fine
    mdevctl undefine --parent 0000:00:02.0 --uuid d29dc1c0-fad4-4712-a6a4-38870c5b6271
    ;;
*)
    echo "$0: nothing for "gvt-1" in wave $1 $2"
    ;;
esac
