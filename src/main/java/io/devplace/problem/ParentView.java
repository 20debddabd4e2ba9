package io.devplace.problem;

import io.devplace.capacity.Instance;
import io.devplace.capacity.ParentCapacity;
import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.rules.GovernedParent;

import java.util.List;
import java.util.Map;

/**
 * One parent device with everything planning needs: its governing rules, its capacity model, and its existing
 * instances (placed). Identity-equal: the solver groups claims by this object.
 */
public final class ParentView {
    private final String key;
    private final GovernedParent governed;
    private final ParentCapacity capacity;
    private final List<Instance> existing;
    private final Map<String, String> owners; // mdev uuid (lower case) -> VM name

    ParentView(GovernedParent governed, ParentCapacity capacity, List<Instance> existing, Map<String, String> owners) {
        this.key = governed.host().name() + "/" + governed.parent().id();
        this.governed = governed;
        this.capacity = capacity;
        this.existing = List.copyOf(existing);
        this.owners = owners;
    }

    public String key() { return key; }

    public Host host() { return governed.host(); }

    public ParentDevice parent() { return governed.parent(); }

    public String id() { return governed.parent().id(); }

    public GovernedParent governed() { return governed; }

    public ParentCapacity capacity() { return capacity; }

    public List<Instance> existing() { return existing; }

    /** The VM owning existing instance {@code uuid}, or null for a free instance. */
    public String owner(String uuid) { return owners.get(uuid.toLowerCase()); }

    /** The existing instances no VM owns, in the parent's order (computed once; ownership does not change). */
    public List<Mdev> freeMdevs() {
        List<Mdev> f = free;
        if (f == null) {
            List<Mdev> out = new java.util.ArrayList<>();
            for (Mdev m : parent().instances()) if (owner(m.uuid()) == null) out.add(m);
            free = f = List.copyOf(out);
        }
        return f;
    }

    private volatile List<Mdev> free;

    public Mdev mdev(String uuid) {
        for (Mdev m : parent().instances()) if (m.uuid().equalsIgnoreCase(uuid)) return m;
        return null;
    }

    @Override
    public String toString() { return key; }
}
