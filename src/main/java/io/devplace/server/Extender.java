package io.devplace.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.fit.DeviceRequest;
import io.devplace.fit.FleetState;
import io.devplace.model.Policy;
import io.devplace.model.Vm;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Kubernetes scheduler extender (kube-scheduler's {@code extender/v1} wire format; docs/service.md). Keys are the Go field
 * names, capitalised, because those structs have no json tags: {@code Pod}, {@code Nodes}, {@code NodeNames} in;
 * {@code Nodes}, {@code NodeNames}, {@code FailedNodes}, {@code FailedAndUnresolvableNodes}, {@code Error} out of
 * filter; {@code [{"Host", "Score"}]} out of prioritize. Either node form may come ({@code nodeCacheCapable} true:
 * names only; false: a NodeList whose {@code items[].metadata.name} we read); the answer uses the form that came.
 * Node names are fleet host names, one to one.
 *
 * <p>The extender reserves nothing: kube-scheduler does not tell an extender which node it finally picked (there is
 * no Reserve verb). It does honour the reservations made through {@code POST /v1/placements}.
 */
final class Extender {
    private final FleetStore fleets;
    private final AssumeCache assumed;
    private final Policy policy;
    private final Map<String, DeviceRequest> resourceTypes;

    Extender(FleetStore fleets, AssumeCache assumed, Policy policy, Map<String, DeviceRequest> resourceTypes) {
        this.fleets = fleets;
        this.assumed = assumed;
        this.policy = policy;
        this.resourceTypes = resourceTypes;
    }

    /** The nodes of an ExtenderArgs: names in order, and the NodeList objects when they came that way. */
    private record Nodes(List<String> names, JsonNode nodeList, Map<String, JsonNode> items, boolean cacheMode) {
        static Nodes of(JsonNode args) {
            JsonNode names = args.get("NodeNames");
            if (names != null && !names.isNull()) {
                if (!names.isArray()) throw HttpError.badRequest("NodeNames", "expected a list of node names");
                List<String> out = new ArrayList<>();
                for (JsonNode n : names) if (n.isTextual()) out.add(n.asText());
                return new Nodes(out, null, Map.of(), true);
            }
            JsonNode list = args.get("Nodes");
            List<String> out = new ArrayList<>();
            Map<String, JsonNode> items = new LinkedHashMap<>();
            JsonNode its = list == null || list.isNull() ? null : list.get("items");
            if (its != null && its.isArray()) {
                for (JsonNode item : its) {
                    JsonNode meta = item == null ? null : item.get("metadata");
                    JsonNode name = meta == null ? null : meta.get("name");
                    if (name == null || !name.isTextual()) continue;
                    out.add(name.asText());
                    items.put(name.asText(), item);
                }
            }
            return new Nodes(out, list == null || list.isNull() ? null : list, items, false);
        }
    }

    private record Outcome(List<Placer.Judged> judged, String error) {}

    /**
     * Every new pod is this VM: no CPU or memory (NodeResourcesFit in kube-scheduler owns those), no groups, one name.
     * Its verdicts then depend on its devices alone, so pods asking for the same devices share them (Judgements).
     */
    static final Vm NEW_POD = new Vm("new pod", null, 0, 0, 0, true, List.of(), List.of());

    Reply filter(Call call) {
        JsonNode args = requireObject(call.json());
        Nodes nodes = Nodes.of(args);
        Outcome o = judge(args.get("Pod"), nodes.names());
        Map<String, Object> r = new LinkedHashMap<>();
        if (o.error() != null) {
            r.put("Nodes", null);
            r.put("NodeNames", null);
            r.put("FailedNodes", Map.of());
            r.put("FailedAndUnresolvableNodes", Map.of());
            r.put("Error", o.error());
            return Reply.jsonWithNulls(r);
        }
        return new Reply(200, Reply.JSON, ExtenderJson.filter(o.judged(), nodes.cacheMode(), nodes.nodeList(), nodes.items()), Map.of());
    }

    Reply prioritize(Call call) {
        JsonNode args = requireObject(call.json());
        Nodes nodes = Nodes.of(args);
        Outcome o = judge(args.get("Pod"), nodes.names());
        // prioritize has no error field; a pod we cannot read scores 0 everywhere (its filter call already failed it)
        int[] scores = o.error() != null ? new int[nodes.names().size()] : Placer.scoreArray(o.judged(), policy);
        return new Reply(200, Reply.JSON, ExtenderJson.prioritize(nodes.names(), scores), Map.of());
    }

    private Outcome judge(JsonNode pod, List<String> names) {
        FleetSnapshot snap = fleets.current();
        PodAsk pa;
        try {
            pa = PodAsk.of(pod, resourceTypes);
        } catch (DeviceSpecs.Invalid e) {
            return new Outcome(null, "devplace: pod " + podName(pod) + ": " + e.getMessage());
        }
        Ask ask;
        FleetState state;
        if (pa.migrateFrom() != null) {
            Vm vm = snap.vm(pa.migrateFrom());
            if (vm == null)
                return new Outcome(null, "devplace: pod " + pa.name() + ": VM '" + pa.migrateFrom() + "' named by " + PodAsk.MIGRATE_FROM
                        + " is not in the fleet (generation " + snap.generation() + ")");
            ask = Ask.migration(snap.view(), vm);
            state = assumed.stateWithout(snap, vm.name());
        } else {
            ask = Ask.newVm(NEW_POD, pa.devices());
            if (ask.asksNothing()) return new Outcome(passAll(names), null);
            state = assumed.state(snap);
        }
        return new Outcome(Placer.judge(snap, state, ask, names, policy), null);
    }

    /** A pod that asks devplace for nothing passes everywhere: devices are all this extender judges. */
    private static List<Placer.Judged> passAll(List<String> names) {
        List<Placer.Judged> out = new ArrayList<>();
        for (String n : names) out.add(new Placer.Judged(n, null, null, 0, 0, 0));
        return out;
    }

    private static JsonNode requireObject(JsonNode n) {
        if (!n.isObject()) throw HttpError.badRequest("", "expected ExtenderArgs, a JSON object with Pod and Nodes or NodeNames");
        return n;
    }

    private static String podName(JsonNode pod) {
        JsonNode m = pod == null ? null : pod.get("metadata");
        JsonNode n = m == null ? null : m.get("name");
        return n == null || !n.isTextual() ? "(unnamed)" : n.asText();
    }
}
