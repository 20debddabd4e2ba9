package io.devplace.problem;

import io.devplace.capacity.Fit;
import io.devplace.capacity.Instance;
import io.devplace.model.Reason;

import java.util.List;

/** Turns capacity verdicts into docs/reference/reason-codes.md reasons that name the host, the parent and, for a lock, the VM holding it. */
public final class Reasons {
    private Reasons() {}

    public static Reason fromFit(Fit f, ParentView p, List<Instance> present) {
        String host = p.host().name();
        return switch (f.shortfall()) {
            case TYPE_LOCKED -> {
                String lockType = present.isEmpty() ? null : present.get(0).type();
                String holder = present.isEmpty() ? null : p.owner(present.get(0).uuid() == null ? "" : present.get(0).uuid());
                yield new Reason(Reason.TYPE_LOCKED, host, p.id(), holder, host + " " + p.id() + " is locked to "
                        + (lockType == null ? "another type" : lockType) + (holder == null ? " by a free mdev" : " by " + holder));
            }
            case FRAGMENTED -> new Reason(Reason.FRAGMENTED, host, p.id(), null,
                    host + " " + p.id() + " has free slots, but no free run of the needed size at an offset the type may start at");
            default -> new Reason(Reason.INSUFFICIENT_DEVICE_CAPACITY, host, p.id(), null, host + " " + p.id() + ": " + f.detail());
        };
    }
}
