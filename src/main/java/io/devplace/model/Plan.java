package io.devplace.model;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;
import java.util.Map;

/** The output of {@code plan} and {@code POST /v1/plans} (SPEC §2.1), and the input of {@code verify}. */
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

    public record Source(String parent, String uuid, String type) {}

    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Target(String parent, String type, List<Map<String, String>> attrs, String uuid, String action, Long placement,
                         String rule) {}

    /** One executable step; fields not relevant to the op are absent. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Action(long wave, String op, MoveMode mode, String vm, String host, String from, String to, String parent,
                         String uuid, String type, List<Map<String, String>> attrs, Long placement) {
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
