package io.devplace.problem;

import io.devplace.capacity.Instance;

import java.util.List;
import java.util.Map;

/**
 * What a placement does to one parent: ADD a new instance, REUSE a free one, RELEASE a moving VM's source instance,
 * or REMOVE a free instance. Identity-equal on purpose: the solver collects claims per parent and two claims that
 * look alike are still two claims.
 */
public final class ParentClaim {
    public enum Kind { ADD, REUSE, RELEASE, REMOVE }

    private final ParentView parent;
    private final Kind kind;
    private final String type;
    private final long aggregation;
    private final String uuid;
    /** The attrs an ADD creates the instance with (they may name exclusive resources); empty for the other kinds. */
    private final List<Map<String, String>> attrs;

    public ParentClaim(ParentView parent, Kind kind, String type, long aggregation, String uuid) {
        this(parent, kind, type, aggregation, uuid, List.of());
    }

    public ParentClaim(ParentView parent, Kind kind, String type, long aggregation, String uuid, List<Map<String, String>> attrs) {
        this.parent = parent;
        this.kind = kind;
        this.type = type;
        this.aggregation = aggregation;
        this.uuid = uuid;
        this.attrs = attrs == null ? List.of() : attrs;
    }

    public ParentView parent() { return parent; }

    public Kind kind() { return kind; }

    public String type() { return type; }

    public long aggregation() { return aggregation; }

    public String uuid() { return uuid; }

    public Instance asAdded() { return Instance.added(type, aggregation, attrs); }

    /** What an ADD creates, as a key: two ADDs with equal keys take the same room on a parent. */
    public String addedKey() { return type + "\u0000" + aggregation + "\u0000" + attrs; }

    @Override
    public String toString() { return kind + " " + type + " on " + parent + (uuid == null ? "" : " " + uuid); }
}
