package io.devplace.server;

import io.devplace.problem.CompatibleTargets;
import com.fasterxml.jackson.core.io.SerializedString;
import io.devplace.fit.FleetState;
import io.devplace.fit.HostVerdict;
import io.devplace.fit.NewVmFit;
import io.devplace.fit.ParentFits;
import io.devplace.fit.PreferredFit;
import io.devplace.fit.Room;
import io.devplace.model.Host;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.HostCandidates;
import io.devplace.problem.ParentView;
import io.devplace.problem.Preference;
import io.devplace.problem.ProblemBuilder;
import io.devplace.problem.Reasons;
import io.devplace.problem.SourceDevice;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Judges one {@link Ask} against hosts, as a scheduler filter does (the fit package decides; nothing here changes
 * state), and scores the hosts that fit by what a plan would cost there (docs/reference/plan.md item 7, in its order): fewer new
 * mdevs (reuse first), then packing per the policy's {@code spread}, then less estimated downtime.
 */
final class Placer {
    /** Not a host for this VM at all, whatever is evicted: not in the fleet, not active, or the VM's own host. */
    static final String NOT_A_TARGET = "NOT_A_TARGET";

    /** Codes no eviction can cure: kube-scheduler gets these as FailedAndUnresolvableNodes, so it does not preempt. */
    static final Set<String> UNRESOLVABLE = Set.of(Reason.NO_COMPATIBLE_DEVICE, Reason.HOST_REQUIREMENT, Reason.DOWNTIME_CAP,
            Reason.NOT_LIVE_MIGRATABLE, NOT_A_TARGET);

    /**
     * One host judged: either the verdict's targets with their cost, or the reason. {@code message} is the reason as
     * kube-scheduler gets it ({@code "CODE: detail"}), JSON-encoded once: most rejections are shared between requests
     * (see {@link Judgements}), and a filter answer over 2,000 hosts is mostly these strings.
     */
    record Judged(String host, HostVerdict verdict, Reason reason, long newMdevs, long load, long downtimeMs, SerializedString message,
                  boolean unresolvable) {
        Judged(String host, HostVerdict verdict, Reason reason, long newMdevs, long load, long downtimeMs) {
            this(host, verdict, reason, newMdevs, load, downtimeMs, reason == null ? null : new SerializedString(reason.code() + ": " + reason.detail()),
                    reason != null && UNRESOLVABLE.contains(reason.code()));
        }

        boolean fits() { return reason == null; }
    }

    private Placer() {}

    /**
     * Judges {@code ask} on each host, reusing what this snapshot already knows (see {@link Judgements}): verdicts for
     * the same ask on the same state, and rejections by the rules alone.
     */
    static List<Judged> judge(FleetSnapshot snap, FleetState state, Ask ask, Collection<String> hosts, Policy pol) {
        CompatibleTargets.ForVm compat = ask.existing() && ask.mode() != null ? snap.compatible().of(ask.vm(), ask.mode()) : null;
        ParentFits fits = snap.judgements().fits(state);
        if (compat != null && compat.shape() != null) return judgeAlike(snap, state, ask, hosts, pol, compat, fits);
        // keyed on the policy itself (a record: equal values, equal key), never on its hash, which two policies may share
        Map<String, Judged> recent = snap.judgements().recent(List.of(ask.key(), pol), state);
        List<Object> rulesKey = List.of(ask.rulesKey(), pol);
        Map<String, Judged> permanent = snap.judgements().permanent(rulesKey);
        Map<String, Object> offers = snap.judgements().offers(rulesKey);
        List<Judged> out = new ArrayList<>(hosts.size());
        for (String name : hosts) {
            Judged j = recent.get(name);
            if (j == null) {
                j = permanent.get(name);
                if (j == null) j = remembered(permanent, name, judge(snap, state, ask, name, pol, offers, compat, fits));
                recent.put(name, j);
            }
            out.add(j);
        }
        return out;
    }

    /**
     * What a fleet VM's verdict on its devices depends on, the VM aside: its devices as the rules see them and how it
     * moves ({@link CompatibleTargets.Shape}), the policy, and — only when the policy caps downtime — its source host
     * (downtime depends on the source link). A fleet holds thousands of VMs but few such kinds, so a migration target
     * pod usually finds the device verdicts of a VM like its own, and only its size and groups are left to check.
     */
    record Alike(CompatibleTargets.Shape shape, String cappedSource, Policy policy) {}

    /** Rejections that come before size and groups are looked at, and hold for every VM of the same {@link Alike}. */
    private static final Set<String> BEFORE_SIZE = Set.of(Reason.NO_COMPATIBLE_DEVICE, Reason.HOST_REQUIREMENT, Reason.DOWNTIME_CAP);

    /** Reason codes whose detail names the VM judged (or that depend on its priority): judged for each VM, never shared. */
    private static final Set<String> NAMES_THE_VM = Set.of(Reason.INSUFFICIENT_CPU, Reason.INSUFFICIENT_MEMORY, Reason.DISPLACED_BY_PRIORITY);

    /** A device verdict of one {@link Alike} kind on one host, with what {@link #forVm} must do with it worked out once. */
    record DeviceVerdict(Judged judged, Use use) {
        enum Use { AS_IS, JUDGE_WHOLE, CHECK_SIZE }

        static DeviceVerdict of(Judged d) {
            Use use = d.fits() ? Use.CHECK_SIZE : BEFORE_SIZE.contains(d.reason().code()) ? Use.AS_IS
                    : NAMES_THE_VM.contains(d.reason().code()) ? Use.JUDGE_WHOLE : Use.CHECK_SIZE;
            return new DeviceVerdict(d, use);
        }
    }

    /**
     * A fleet VM judged in two halves. Its devices: judged once per {@link Alike} kind and state, as a VM of no size,
     * no groups and its own devices (what the device search sees does not depend on size or groups, and, with no VM of
     * higher priority moved onto the host, not on priority either). Then, for this VM alone, the checks that come before
     * any device (CPU, memory, anti-affinity; {@link Room#sizeAndGroups}), in the same order as the fit code makes
     * them. A host where VMs of higher priority were moved (a reservation), the VM's own host, and any verdict whose
     * reason names a VM are judged whole, for this VM alone. {@code AlikeVerdictsTest} holds this to judging each VM
     * alone, verdict for verdict.
     */
    private static List<Judged> judgeAlike(FleetSnapshot snap, FleetState state, Ask ask, Collection<String> hosts, Policy pol,
                                           CompatibleTargets.ForVm compat, ParentFits fits) {
        Vm vm = ask.vm();
        Alike kind = new Alike(compat.shape(), pol.maxDowntimeMs() > 0 ? vm.host() : null, pol);
        // a private state (a VM asking again while it holds a reservation) must not push out the shared verdicts
        Map<String, DeviceVerdict> devices = snap.judgements().shared(state) ? snap.judgements().alike(kind, state) : new HashMap<>();
        Map<String, Judged> permanent = snap.judgements().permanent(kind);
        Judgements.StateFacts facts = snap.judgements().facts(state);
        Ask sizeless = null;
        List<Judged> out = new ArrayList<>(hosts.size());
        for (String asked : hosts) {
            Host h = snap.host(asked);
            if (h == null || !snap.view().isTargetable(h) || asked.equals(vm.host())) { out.add(judge(snap, state, ask, asked, pol, null, compat, fits)); continue; }
            String name = h.name(); // the fleet's own string: every lookup below then compares by identity
            DeviceVerdict d = devices.get(name);
            if (d == null) {
                Judged j = permanent.get(name);
                if (j == null) {
                    if (sizeless == null) sizeless = ask.sizeless();
                    j = remembered(permanent, name, judge(snap, state, sizeless, name, pol, null, compat, fits));
                }
                devices.put(name, d = DeviceVerdict.of(j));
            }
            out.add(forVm(d, h, snap, state, facts, ask, pol, compat, fits));
        }
        return out;
    }

    /** The verdict for {@code ask}'s VM on {@code h} from the device verdict {@code d} of its kind (see {@link #judgeAlike}). */
    private static Judged forVm(DeviceVerdict dv, Host h, FleetSnapshot snap, FleetState state, Judgements.StateFacts facts, Ask ask, Policy pol,
                                CompatibleTargets.ForVm compat, ParentFits fits) {
        Judged d = dv.judged();
        if (dv.use() == DeviceVerdict.Use.AS_IS) return d;
        if (dv.use() == DeviceVerdict.Use.JUDGE_WHOLE || facts.higherPriorityMovedTo(h.name(), ask.vm().priority()))
            return judge(snap, state, ask, h.name(), pol, null, compat, fits);
        Reason before = Room.sizeAndGroups(state, ask.vm(), h, pol);
        if (before != null) return new Judged(h.name(), new HostVerdict(h.name(), null, null, before), before, 0, 0, 0);
        if (!d.fits()) return d;
        HostVerdict v = d.verdict();
        List<SourceDevice> mine = compat.devices();
        boolean same = true;
        for (int i = 0; i < v.targets().size() && same; i++) same = v.targets().get(i).source() == mine.get(i);
        HostVerdict own = v;
        if (!same) {
            List<DeviceTarget> ts = new ArrayList<>(v.targets().size());
            for (int i = 0; i < v.targets().size(); i++) ts.add(v.targets().get(i).withSource(mine.get(i)));
            own = new HostVerdict(v.host(), ts, v.placements(), null);
        }
        long downtime = downtime(snap, ask, h, pol);
        if (own == v && downtime == d.downtimeMs()) return d;
        return new Judged(d.host(), own, null, d.newMdevs(), d.load(), downtime);
    }

    /** {@code j}, kept in {@code permanent} when it is a rejection by the rules alone ({@link Judgements#PERMANENT}). */
    private static Judged remembered(Map<String, Judged> permanent, String host, Judged j) {
        if (j.reason() != null && Judgements.PERMANENT.contains(j.reason().code())) permanent.put(host, j);
        return j;
    }

    private static long downtime(FleetSnapshot snap, Ask ask, Host h, Policy pol) {
        return !ask.existing() ? 0 : ask.mode() == MoveMode.LIVE
                ? ProblemBuilder.downtimeMs(snap.view(), ask.vm(), snap.host(ask.vm().host()), h, pol) : -1;
    }

    /**
     * One host; {@code offers} keeps what the rules let each host offer this ask (may be null: computed afresh), and
     * {@code compat} computes it for a fleet VM (shared with VMs whose devices look alike; set when the ask is one).
     */
    static Judged judge(FleetSnapshot snap, FleetState state, Ask ask, String name, Policy pol, Map<String, Object> offers,
                        CompatibleTargets.ForVm compat, ParentFits fits) {
        Host h = snap.host(name);
        if (h == null)
            return rejected(name, Reasons.notInFleet(name));
        if (!snap.view().isTargetable(h)) return rejected(name, new Reason(NOT_A_TARGET, name, null, null, Reasons.notATarget(h)));
        if (ask.existing() && name.equals(ask.vm().host()))
            return rejected(name, new Reason(NOT_A_TARGET, name, null, ask.vm().name(), Reasons.runsThere(ask.vm().name(), name)));
        if (ask.existing() && ask.mode() == null)
            return rejected(name, Reasons.notLiveMigratable(name, ask.vm().name(), ask.unmovable()));
        HostVerdict v;
        if (ask.existing()) {
            HostCandidates hc = offers == null ? compat.on(h) : (HostCandidates) offers.computeIfAbsent(name, n -> compat.on(h));
            v = PreferredFit.judge(state, ask.vm(), ask.mode(), h, pol, hc, fits);
        } else {
            NewVmFit.Offer offer = offers == null ? NewVmFit.offer(snap.view(), ask.devices(), h)
                    : (NewVmFit.Offer) offers.computeIfAbsent(name, n -> NewVmFit.offer(snap.view(), ask.devices(), h));
            v = NewVmFit.judge(state, ask.vm(), offer, h, pol, fits);
        }
        if (!v.fits()) return new Judged(name, v, v.reason(), 0, 0, 0);
        long created = 0, load = 0;
        Set<ParentView> seen = new HashSet<>();
        for (DeviceTarget t : v.targets()) {
            if (!t.reuses()) created++;
            if (seen.add(t.parent())) load += state.instances(t.parent()).size();
        }
        return new Judged(name, v, null, created, load, downtime(snap, ask, h, pol));
    }

    private static Judged rejected(String host, Reason r) { return new Judged(host, null, r, 0, 0, 0); }

    /** Preference among hosts that fit: the one preference ({@link Preference}); ties share a score. */
    static Comparator<Judged> preference(Policy pol) {
        return Preference.of(pol, Judged::newMdevs, Judged::load, Judged::downtimeMs);
    }

    /**
     * Scores 0..10 (kube-scheduler's extender range): 0 for a host that does not fit; hosts that fit get 10 for the
     * best cost down to 1 for the worst, evenly by distinct cost, so that equal costs get equal scores.
     */
    static Map<String, Integer> scores(List<Judged> judged, Policy pol) {
        int[] s = scoreArray(judged, pol);
        Map<String, Integer> out = new HashMap<>();
        for (int i = 0; i < s.length; i++) out.put(judged.get(i).host(), s[i]);
        return out;
    }

    /** {@link #scores}, position by position with {@code judged} (the extender's answer lists hosts in the order asked). */
    static int[] scoreArray(List<Judged> judged, Policy pol) {
        Comparator<Judged> pref = preference(pol);
        List<Judged> fitting = new ArrayList<>();
        for (Judged j : judged) if (j.fits()) fitting.add(j);
        fitting.sort(pref);
        // distinct costs in order: the rank of a cost is its position among them
        List<Judged> ranks = new ArrayList<>();
        for (Judged j : fitting) if (ranks.isEmpty() || pref.compare(ranks.get(ranks.size() - 1), j) != 0) ranks.add(j);
        int[] out = new int[judged.size()];
        for (int i = 0; i < out.length; i++) {
            Judged j = judged.get(i);
            if (!j.fits()) continue;
            int rank = Collections.binarySearch(ranks, j, pref);
            out[i] = ranks.size() == 1 ? 10 : (int) Math.round(10 - 9.0 * rank / (ranks.size() - 1));
        }
        return out;
    }
}
