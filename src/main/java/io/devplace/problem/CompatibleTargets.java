package io.devplace.problem;

import io.devplace.model.Host;
import io.devplace.model.Mdev;
import io.devplace.model.MoveMode;
import io.devplace.model.Vm;
import io.devplace.rules.SourceDescriptor;
import io.devplace.rules.TemplateException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What each host offers a fleet VM by the rules alone ({@link Candidates#on}), shared between VMs whose devices look
 * alike to the rules. A fleet holds thousands of VMs but few kinds of device: the same type, attrs and instantiated
 * compatibility descriptor on a parent with the same unmet requirements. {@code Candidates.on} reads nothing else of
 * the VM but which device each target is for ({@link DeviceTarget#source()}), so the candidates computed for one VM
 * serve every VM of the same {@link Shape} once that field is pointed at the VM's own devices. Matching descriptors
 * against every parent of every host was most of a migration target pod's cost.
 *
 * <p>Depends on the fleet view only (never on load or reservations): the service keeps one per fleet snapshot, so
 * {@code PUT /v1/fleet} brings a new snapshot and with it an empty cache; building a planning problem keeps one for
 * the build, asking about one shape's VMs after another so that a single shape need be remembered.
 */
public final class CompatibleTargets {
    /** Distinct device shapes the service remembers (least recently used forgotten); each holds one entry per host asked about. */
    public static final int MAX_SHAPES = 256;

    /** Everything of one source device that {@code Candidates.on} reads, the device itself aside. */
    private record DeviceShape(int index, String type, List<Map<String, String>> attrs, SourceDescriptor descriptor, List<String> sourceRequires) {}

    /** A VM's devices as the rules see them, with how it moves. */
    public record Shape(MoveMode mode, List<DeviceShape> devices) {}

    private final FleetView view;
    private final Map<Shape, Map<String, HostCandidates>> byShape;

    public CompatibleTargets(FleetView view) { this(view, MAX_SHAPES); }

    /** Remembering {@code maxShapes} shapes at most (least recently used forgotten). */
    public CompatibleTargets(FleetView view, int maxShapes) {
        this.view = view;
        this.byShape = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Shape, Map<String, HostCandidates>> eldest) { return size() > maxShapes; }
        };
    }

    /** The shape of {@code vm}'s devices for a move in {@code mode}; null when a descriptor cannot be built (not shared). */
    public Shape shape(Vm vm, MoveMode mode) {
        List<DeviceShape> out = new ArrayList<>();
        for (SourceDevice d : view.devices(vm)) {
            SourceDescriptor desc = null;
            if (mode == MoveMode.LIVE) {
                try {
                    desc = view.descriptor(vm, d);
                } catch (TemplateException e) {
                    return null; // its message names the VM: computed for each VM on its own
                }
            }
            Mdev m = d.mdev();
            out.add(new DeviceShape(d.index(), m.type(), m.attrs(), desc,
                    mode == MoveMode.LIVE ? List.copyOf(d.parent().governed().requiresFailures()) : List.of()));
        }
        return new Shape(mode, List.copyOf(out));
    }

    /**
     * {@code items} reordered so that those whose VMs have one shape come together, shapes in order of first appearance
     * and items in their order within a shape: asked in that order, one remembered shape serves them all.
     */
    public <T> List<T> grouped(List<T> items, Function<T, Vm> vm, Function<T, MoveMode> mode) {
        Map<Object, List<T>> byKind = new LinkedHashMap<>();
        for (T item : items) {
            Shape shape = shape(vm.apply(item), mode.apply(item));
            byKind.computeIfAbsent(shape == null ? new Object() : shape, k -> new ArrayList<>()).add(item); // no shape: alone
        }
        List<T> out = new ArrayList<>(items.size());
        for (List<T> same : byKind.values()) out.addAll(same);
        return out;
    }

    /** {@code vm}'s candidates for a move in {@code mode}, host by host; the shape is worked out once, here. */
    public ForVm of(Vm vm, MoveMode mode) {
        Shape shape = shape(vm, mode);
        if (shape == null) return new ForVm(view, vm, mode, null, null);
        Map<String, HostCandidates> hosts;
        synchronized (byShape) {
            hosts = byShape.computeIfAbsent(shape, s -> new ConcurrentHashMap<>());
        }
        return new ForVm(view, vm, mode, shape, hosts);
    }

    /** One VM and move mode; {@code shared} null when its candidates are not shared (computed afresh per host). */
    public static final class ForVm {
        private final FleetView view;
        private final Vm vm;
        private final MoveMode mode;
        private final Shape shape;
        private final Map<String, HostCandidates> shared;
        private final List<SourceDevice> devices;

        private ForVm(FleetView view, Vm vm, MoveMode mode, Shape shape, Map<String, HostCandidates> shared) {
            this.view = view;
            this.vm = vm;
            this.mode = mode;
            this.shape = shape;
            this.shared = shared;
            this.devices = view.devices(vm);
        }

        /** The VM's device shape; null when its candidates are its own (a descriptor could not be built). */
        public Shape shape() { return shape; }

        /** The VM's source devices, in order (what shared targets are rebound to). */
        public List<SourceDevice> devices() { return devices; }

        /** Exactly {@code Candidates.on(view, vm, mode, host)}, from another VM of the same shape when one was asked about. */
        public HostCandidates on(Host host) {
            if (shared == null) return Candidates.on(view, vm, mode, host);
            HostCandidates template = shared.computeIfAbsent(host.name(), h -> Candidates.on(view, vm, mode, host));
            return rebind(template, devices);
        }
    }

    /** The same candidates with each target's source device replaced by the device at the same position of {@code mine}. */
    static HostCandidates rebind(HostCandidates template, List<SourceDevice> mine) {
        if (!template.possible()) return template; // no targets; the reasons name no VM
        boolean same = true;
        for (int i = 0; i < template.perDevice().size() && same; i++)
            for (DeviceTarget t : template.perDevice().get(i)) if (t.source() != mine.get(i)) { same = false; break; }
        if (same) return template;
        List<List<DeviceTarget>> perDevice = new ArrayList<>(template.perDevice().size());
        for (int i = 0; i < template.perDevice().size(); i++) {
            SourceDevice d = mine.get(i);
            List<DeviceTarget> ts = new ArrayList<>(template.perDevice().get(i).size());
            for (DeviceTarget t : template.perDevice().get(i)) ts.add(t.withSource(d));
            perDevice.add(ts);
        }
        return new HostCandidates(template.host(), perDevice, template.blockers());
    }

    /** Shapes remembered now (for tests). */
    public int shapes() {
        synchronized (byShape) {
            return byShape.size();
        }
    }
}
