#!/bin/sh
# devplace plan: mdevctl commands for the target hosts, in wave order.
# Run each block on the host it names, in this order: a wave's creates, its migrations, then its removals.
# devplace never runs these itself.
set -e

# wave 1 on gpu-a2
mdevctl define --parent 0000:3d:00.0 --uuid 9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b --jsonfile /dev/stdin <<'DEVPLACE_JSON'
{ "mdev_type" : "nvidia-713", "start" : "manual", "attrs" : [ ] }
DEVPLACE_JSON
mdevctl start --parent 0000:3d:00.0 --uuid 9f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a0b

# wave 1: live-migrate vm-17 gpu-a1 -> gpu-a2 (your orchestrator; the target's devices above must exist first)

# wave 1: live-migrate thin-1 gvt-1 -> gvt-2 (your orchestrator; the target's devices above must exist first)

# wave 1 on gpu-a1 (after the migration)
mdevctl stop --uuid 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11 || true
mdevctl undefine --parent 0000:3b:00.0 --uuid 3b0c7a6e-0c59-4f0d-9b70-8a3f1d2e4c11

# wave 1 on gvt-1 (after the migration)
mdevctl stop --uuid d29dc1c0-fad4-4712-a6a4-38870c5b6271 || true
mdevctl undefine --parent 0000:00:02.0 --uuid d29dc1c0-fad4-4712-a6a4-38870c5b6271
