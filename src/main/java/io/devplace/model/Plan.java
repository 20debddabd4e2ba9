package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import java.util.List;
import java.util.Map;

/** The output of {@code plan} and {@code POST /v1/plans} (docs/reference/plan.md), and the input of {@code verify}. */
public record Plan(String apiVersion, String kind, Request request, Summary summary, List<Move> moves, List<Action> actions,
                   List<Unplaced> unplaced) {
    public Plan {
        moves = moves == null ? List.of() : List.copyOf(moves);
        actions = actions == null ? List.of() : List.copyOf(actions);
        unplaced = unplaced == null ? List.of() : List.copyOf(unplaced);
    }

    public record Request(List<String> evacuate, Policy policy) {}

    /**
     * {@code placedBound}: proven upper bound on how many of {@code vms} any plan could place under the policy;
     * {@code optimal}: proven that no plan places more VMs of any priority (in priority order) than this one. Both are
     * null in plans written before they existed.
     */
    public record Summary(long vms, long placed, long unplaced, long migrations, long waves, Long placedBound, Boolean optimal,
                          String score, Long solveMillis, String fleetDigest) {}

    public record Move(String vm, MoveMode mode, String from, String to, long wave, long estimatedDowntimeMs, List<MoveDevice> devices) {}

    public record MoveDevice(Source source, Target target) {}

    /** The source instance: an mdev by {@code uuid}, or a VF by address ({@code vf}) on a VF-based parent. */
    @JsonPropertyOrder({"parent", "uuid", "vf", "type"})
    public record Source(String parent, @JsonInclude(JsonInclude.Include.NON_NULL) String uuid, String type,
                         @JsonInclude(JsonInclude.Include.NON_NULL) String vf) {
        public Source(String parent, String uuid, String type) { this(parent, uuid, type, null); }

        /** The instance id: the mdev UUID or the VF address. */
        public String device() { return uuid != null ? uuid : vf; }
    }

    /**
     * The target instance: on an mdev parent a {@code uuid} with action create|reuse; on a VF-based parent a {@code vf}
     * address with action configure|reuse (docs/reference/plan.md).
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    @JsonPropertyOrder({"parent", "vf", "type", "attrs", "uuid", "action", "placement", "rule"})
    public record Target(String parent, String type, List<Map<String, String>> attrs, @JsonInclude(JsonInclude.Include.NON_NULL) String uuid,
                         String action, Long placement, String rule, @JsonInclude(JsonInclude.Include.NON_NULL) String vf) {
        public Target(String parent, String type, List<Map<String, String>> attrs, String uuid, String action, Long placement, String rule) {
            this(parent, type, attrs, uuid, action, placement, rule, null);
        }

        /** The instance id: the mdev UUID or the VF address. */
        public String device() { return uuid != null ? uuid : vf; }
    }

    /** One executable step; fields not relevant to the op are absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"wave", "op", "mode", "vm", "host", "from", "to", "parent", "uuid", "vf", "type", "attrs", "placement"})
    public record Action(long wave, String op, MoveMode mode, String vm, String host, String from, String to, String parent,
                         String uuid, String type, List<Map<String, String>> attrs, Long placement, String vf) {
        public static final String CONFIGURE_VF = "configure-vf", RESET_VF = "reset-vf";

        public Action(long wave, String op, MoveMode mode, String vm, String host, String from, String to, String parent,
                      String uuid, String type, List<Map<String, String>> attrs, Long placement) {
            this(wave, op, mode, vm, host, from, to, parent, uuid, type, attrs, placement, null);
        }

        /** Set a free VF to {@code type} (docs/vf.md): the VF-based counterpart of create-mdev. */
        public static Action configureVf(long wave, String host, String parent, String vf, String type, List<Map<String, String>> attrs, Long placement) {
            return new Action(wave, CONFIGURE_VF, null, null, host, null, null, parent, null, type, attrs, placement, vf);
        }

        /** Unset a VF (it becomes free): the VF-based counterpart of remove-mdev. */
        public static Action resetVf(long wave, String host, String parent, String vf) {
            return new Action(wave, RESET_VF, null, null, host, null, null, parent, null, null, null, null, vf);
        }

        /** The instance id the action is about: the mdev UUID or the VF address. */
        public String device() { return uuid != null ? uuid : vf; }

        public static Action create(long wave, String host, String parent, String uuid, String type, List<Map<String, String>> attrs, Long placement) {
            return new Action(wave, "create-mdev", null, null, host, null, null, parent, uuid, type, attrs, placement);
        }

        public static Action remove(long wave, String host, String parent, String uuid) {
            return new Action(wave, "remove-mdev", null, null, host, null, null, parent, uuid, null, null, null);
        }

        public static Action migrate(long wave, MoveMode mode, String vm, String from, String to) {
            return new Action(wave, "migrate", mode, vm, null, from, to, null, null, null, null, null);
        }
    }

    public record Unplaced(String vm, List<Reason> reasons) {}
}
