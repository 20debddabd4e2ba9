package io.devplace.importers;

import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parent device as the sources describe it together: the union of its types and mdevs, fact by fact. */
final class ParentMerge {
    private final String id;
    private final Fact<String> driver = new Fact<>();
    private final Fact<String> model = new Fact<>();
    private final Fact<Long> numaNode = new Fact<>();
    private final Fact<Long> iommuGroup = new Fact<>();
    private final Map<String, Fact<String>> attributes = new LinkedHashMap<>();
    private final Map<String, TypeFacts> types = new LinkedHashMap<>();
    private final Map<String, MdevFacts> mdevs = new LinkedHashMap<>();

    ParentMerge(String id) { this.id = id; }

    void add(ParentDevice p, String host, Fragment from, String path, Conflicts c) {
        String where = "of parent " + id + " on host " + host;
        c.check(driver, p.driver(), from, Paths.child(path, "driver"), "driver " + where);
        c.check(model, p.model(), from, Paths.child(path, "model"), "model " + where);
        c.check(numaNode, p.numaNode(), from, Paths.child(path, "numaNode"), "numaNode " + where);
        c.check(iommuGroup, p.iommuGroup(), from, Paths.child(path, "iommuGroup"), "iommuGroup " + where);
        p.attributes().forEach((k, v) -> c.check(attributes.computeIfAbsent(k, x -> new Fact<>()), v, from,
                Paths.child(Paths.child(path, "attributes"), k), "attribute " + k + " " + where));
        p.supportedTypes().forEach((type, st) -> types.computeIfAbsent(type, x -> new TypeFacts())
                .add(st, from, Paths.child(Paths.child(path, "supportedTypes"), type), "type " + type + " " + where, c));
    }

    /** Adds one mdev; the caller has made sure it is not also on another parent of the host. */
    void addMdev(Mdev m, String host, Fragment from, String path, Conflicts c) {
        mdevs.computeIfAbsent(Uuids.normal(m.uuid()), x -> new MdevFacts(m.uuid()))
                .add(m, from, path, "mdev " + m.uuid() + " on host " + host, c);
    }

    ParentDevice build() {
        Map<String, String> attrs = new LinkedHashMap<>();
        attributes.forEach((k, f) -> attrs.put(k, f.value()));
        Map<String, SupportedType> st = new LinkedHashMap<>();
        types.forEach((k, t) -> st.put(k, t.build()));
        List<Mdev> ms = new ArrayList<>();
        mdevs.values().forEach(m -> ms.add(m.build()));
        return new ParentDevice(id, driver.value(), model.value(), numaNode.value(), iommuGroup.value(), attrs, st, ms);
    }

    /** A supported type. Sources read at different times may see different availableInstances: that is reported. */
    private static final class TypeFacts {
        final Fact<Long> availableInstances = new Fact<>();
        final Fact<String> name = new Fact<>();
        final Fact<String> deviceApi = new Fact<>();
        final Fact<String> description = new Fact<>();

        void add(SupportedType t, Fragment from, String path, String what, Conflicts c) {
            if (t == null) return;
            c.check(availableInstances, t.availableInstances(), from, Paths.child(path, "availableInstances"), "availableInstances of " + what);
            c.check(name, t.name(), from, Paths.child(path, "name"), "name of " + what);
            c.check(deviceApi, t.deviceApi(), from, Paths.child(path, "deviceApi"), "deviceApi of " + what);
            c.check(description, t.description(), from, Paths.child(path, "description"), "description of " + what);
        }

        SupportedType build() { return new SupportedType(availableInstances.value(), name.value(), deviceApi.value(), description.value()); }
    }

    /**
     * An mdev. An empty {@code attrs} list counts as "not known": sysfs cannot read vendor attributes back, so its
     * empty list must not contradict mdevctl's configured ones.
     */
    private static final class MdevFacts {
        final String uuid;
        final Fact<String> type = new Fact<>();
        final Fact<List<Map<String, String>>> attrs = new Fact<>();
        final Fact<Long> iommuGroup = new Fact<>();
        final Fact<Long> placement = new Fact<>();
        final Fact<String> start = new Fact<>();

        MdevFacts(String uuid) { this.uuid = uuid; }

        void add(Mdev m, Fragment from, String path, String what, Conflicts c) {
            c.check(type, m.type(), from, Paths.child(path, "type"), "type of " + what);
            c.check(attrs, m.attrs().isEmpty() ? null : m.attrs(), from, Paths.child(path, "attrs"), "attrs of " + what);
            c.check(iommuGroup, m.iommuGroup(), from, Paths.child(path, "iommuGroup"), "iommuGroup of " + what);
            c.check(placement, m.placement(), from, Paths.child(path, "placement"), "placement of " + what);
            c.check(start, m.start(), from, Paths.child(path, "start"), "start of " + what);
        }

        Mdev build() { return new Mdev(uuid, type.value(), attrs.value(), iommuGroup.value(), placement.value(), start.value()); }
    }
}
