package io.devplace.server;

import com.fasterxml.jackson.databind.JsonNode;
import io.devplace.fit.DeviceRequest;
import io.devplace.fit.FleetState;
import io.devplace.model.Host;
import io.devplace.model.Policy;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/placements}: where one VM could go now — a fleet VM ({@code {vm: name}}, judged by its rules) or a
 * new one ({@code {cpus, memoryMiB, devices: [{type, attrs}]}}) — as hosts ranked best first with the device recipe
 * for each, and the rejected hosts with their reason (docs/reference/reason-codes.md). Unless {@code reserve: false}, the best host's
 * devices, CPU and memory are reserved for the TTL, so the next request does not get them too.
 * {@code DELETE /v1/placements/{id}} releases a reservation early.
 */
final class PlacementApi {
    /** The request body; {@code devices} stays a tree so that its errors can name their path. */
    record Request(String vm, String name, Long cpus, Long memoryMiB, Long priority, List<String> groups, JsonNode devices,
                   Boolean reserve, List<String> hosts) {}

    private final FleetStore fleets;
    private final AssumeCache assumed;
    private final Policy policy;

    PlacementApi(FleetStore fleets, AssumeCache assumed, Policy policy) {
        this.fleets = fleets;
        this.assumed = assumed;
        this.policy = policy;
    }

    Reply place(Call call) {
        Request req = Json.bind(call.json(), Request.class);
        // [.., null] (well-formed JSON, yet it names nothing) is refused by binding: a 422, not an NPE deep in judging
        FleetSnapshot snap = fleets.current();
        Ask ask = ask(req, snap);
        List<String> hosts = req.hosts() != null ? req.hosts() : snap.view().fleet().hosts().stream().map(Host::name).toList();
        boolean reserve = req.reserve() == null || req.reserve();
        List<Placer.Judged> judged;
        AssumeCache.Reservation reservation = null;
        // judge and reserve as one step: a second request must see the first one's reservation
        synchronized (assumed) {
            FleetState state = assumed.stateWithout(snap, ask.vm().name());
            judged = Placer.judge(snap, state, ask, hosts, policy);
            List<Placer.Judged> fits = ranked(judged);
            if (reserve && !fits.isEmpty()) {
                Placer.Judged best = fits.get(0);
                reservation = assumed.reserve(ask.vm(), best.host(), best.verdict().targets(), best.verdict().placements());
            }
        }
        Map<String, Integer> scores = Placer.scores(judged, policy);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("generation", snap.generation());
        out.put("vm", ask.vm().name());
        out.put("mode", !ask.existing() ? "new" : ask.mode() == null ? null : ask.mode().wire());
        List<Map<String, Object>> ranked = new ArrayList<>();
        for (Placer.Judged j : ranked(judged)) ranked.add(host(j, scores.get(j.host())));
        out.put("hosts", ranked);
        List<Map<String, Object>> rejected = new ArrayList<>();
        for (Placer.Judged j : judged) {
            if (j.fits()) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("host", j.host());
            r.put("reason", j.reason());
            r.put("reasons", List.of(j.reason())); // docs/service.md "rejected hosts with reasons": the list form, as in plans
            rejected.add(r);
        }
        out.put("rejected", rejected);
        if (reservation != null) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("id", reservation.id());
            r.put("host", reservation.host());
            r.put("expiresAt", reservation.expires().toString());
            r.put("ttlMillis", assumed.ttl().toMillis());
            out.put("reservation", r);
        } else out.put("reservation", null);
        return new Reply(200, Reply.JSON, Json.bytesWithNulls(out), Map.of());
    }

    Reply release(Call call) {
        if (!assumed.release(call.param("id"))) throw HttpError.notFound("no reservation " + call.param("id") + " (released or expired)");
        return Reply.empty(204);
    }

    private Ask ask(Request req, FleetSnapshot snap) {
        if (req.vm() != null) {
            if (req.name() != null || req.cpus() != null || req.memoryMiB() != null || req.devices() != null || req.groups() != null || req.priority() != null)
                throw HttpError.invalid("", "give either vm (a VM of the fleet) or a new VM's cpus, memoryMiB and devices, not both");
            Vm vm = snap.vm(req.vm());
            if (vm == null) throw HttpError.invalid("vm", "'" + req.vm() + "' is not in the fleet (generation " + snap.generation() + ")");
            return Ask.existing(snap.view(), vm, snap.host(vm.host()).state(), policy);
        }
        if (req.cpus() == null || req.memoryMiB() == null)
            throw HttpError.invalid(req.cpus() == null ? "cpus" : "memoryMiB", "a new VM needs cpus and memoryMiB (or give vm: NAME for a VM of the fleet)");
        if (req.cpus() < 0) throw HttpError.invalid("cpus", "expected 0 or more but got " + req.cpus());
        if (req.memoryMiB() < 0) throw HttpError.invalid("memoryMiB", "expected 0 or more but got " + req.memoryMiB());
        String name = req.name() != null ? req.name() : "new-" + UUID.randomUUID().toString().substring(0, 8);
        if (snap.vm(name) != null)
            throw HttpError.invalid("name", "'" + name + "' is a VM of the fleet already; ask with vm: '" + name + "' to move it");
        List<DeviceRequest> devices;
        try {
            devices = DeviceSpecs.list(req.devices(), "devices");
        } catch (DeviceSpecs.Invalid e) {
            throw HttpError.invalid(e.path(), e.detail());
        }
        if (devices.size() > PodAsk.MAX_DEVICES) throw HttpError.invalid("devices", "expected at most " + PodAsk.MAX_DEVICES + " devices per VM but got " + devices.size());
        Vm vm = new Vm(name, null, req.cpus(), req.memoryMiB(), req.priority() == null ? 0 : req.priority(), true, req.groups(), List.of());
        return Ask.newVm(vm, devices);
    }

    private List<Placer.Judged> ranked(List<Placer.Judged> judged) {
        List<Placer.Judged> fits = new ArrayList<>(judged.stream().filter(Placer.Judged::fits).toList());
        fits.sort(Placer.preference(policy).thenComparing(Placer.Judged::host));
        return fits;
    }

    private static Map<String, Object> host(Placer.Judged j, Integer score) {
        Map<String, Object> h = new LinkedHashMap<>();
        h.put("host", j.host());
        h.put("score", score);
        h.put("newMdevs", j.newMdevs());
        h.put("estimatedDowntimeMs", j.downtimeMs());
        List<Map<String, Object>> devs = new ArrayList<>();
        List<DeviceTarget> ts = j.verdict().targets();
        for (int i = 0; i < ts.size(); i++) {
            DeviceTarget t = ts.get(i);
            Map<String, Object> d = new LinkedHashMap<>();
            if (t.source() != null)
                d.put("source", Map.of("parent", t.source().parent().id(), t.source().parent().parent().vfBased() ? "vf" : "uuid",
                        t.source().mdev().uuid(), "type", t.source().mdev().type()));
            d.put("parent", t.parent().id());
            d.put("type", t.type());
            d.put("attrs", t.attrs());
            d.put("action", t.action());
            if (t.reuses()) d.put(t.instanceField(), t.reuseUuid());
            d.put("placement", j.verdict().placements().get(i));
            d.put("rule", t.rule());
            devs.add(d);
        }
        h.put("devices", devs);
        return h;
    }
}
