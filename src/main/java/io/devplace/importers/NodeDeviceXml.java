package io.devplace.importers;

import io.devplace.model.Mdev;
import io.devplace.model.ParentDevice;
import io.devplace.model.SupportedType;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.devplace.importers.SafeXml.attr;
import static io.devplace.importers.SafeXml.child;
import static io.devplace.importers.SafeXml.childOfType;
import static io.devplace.importers.SafeXml.children;
import static io.devplace.importers.SafeXml.text;

/**
 * One {@code virsh nodedev-dumpxml} {@code <device>}: an mdev parent (a {@code pci}, {@code css} or
 * {@code ap_matrix} capability holding {@code <capability type='mdev_types'>}) or an mdev
 * ({@code <capability type='mdev'>}). Either becomes one {@link ParentDevice}, keyed by the kernel bus id, that the
 * merger combines with the others; a device that is neither is skipped with a warning.
 */
final class NodeDeviceXml {
    private static final List<String> PARENT_BUSES = List.of("pci", "css", "ap_matrix");
    /** The root of libvirt's node device tree, and the parent it gives a device with no known ancestor. */
    private static final String COMPUTER = "computer";

    private NodeDeviceXml() {}

    /** The parent device this {@code <device>} describes (with its one mdev, for an mdev), or null. */
    static ParentDevice read(Element device, String at, XmlSource src) {
        String name = text(device, "name");
        if (name == null || name.isEmpty()) {
            src.problem(at + "/device", "expected the device's <name> as virsh nodedev-dumpxml writes it");
            return null;
        }
        String path = at + "/device[name='" + name + "']";
        Element mdevCap = childOfType(device, "capability", "mdev");
        if (mdevCap != null) return mdev(device, name, mdevCap, path + "/capability[@type='mdev']", src);
        for (String bus : PARENT_BUSES) {
            Element busCap = childOfType(device, "capability", bus);
            Element types = busCap == null ? null : childOfType(busCap, "capability", "mdev_types");
            if (types != null) return parent(device, name, busCap, types, path + "/capability[@type='" + bus + "']", src);
        }
        src.warn("device " + name + " is neither an mdev parent (no mdev_types capability) nor an mdev: skipped");
        return null;
    }

    private static ParentDevice parent(Element device, String name, Element busCap, Element typesCap, String path, XmlSource src) {
        String id = LibvirtNames.busId(name);
        if (id == null) {
            src.problem(path, "cannot tell the kernel bus id of device '" + name + "' (expected a name like pci_0000_3b_00_0, css_0_0_26ab or ap_matrix)");
            return null;
        }
        Map<String, SupportedType> types = new LinkedHashMap<>();
        for (Element t : children(typesCap, "type")) {
            String typeId = attr(t, "id");
            String tp = path + "/capability[@type='mdev_types']/type[@id='" + typeId + "']";
            if (typeId == null || typeId.isEmpty()) {
                src.problem(tp, "expected <type id='...'> on every mdev type of " + name);
                continue;
            }
            String avail = text(t, "availableInstances");
            if (avail == null) src.problem(tp, "type " + typeId + " of " + name + " has no <availableInstances>");
            String deviceApi = text(t, "deviceAPI");
            if (deviceApi == null || deviceApi.isEmpty()) src.problem(tp, "type " + typeId + " of " + name + " has no <deviceAPI>");
            types.put(typeId, new SupportedType(src.count(avail, tp + "/availableInstances", "availableInstances"), text(t, "name"), deviceApi, null));
        }
        Element driverElement = child(device, "driver"); // the driver bound to the parent, when libvirt saw one
        String driver = driverElement == null ? null : text(driverElement, "name");
        if (driver == null || driver.isEmpty()) driver = commonDriver(name, types.keySet(), path, src);
        Element numa = child(busCap, "numa");
        Long numaNode = src.count(attr(numa, "node"), path + "/numa/@node", "the NUMA node");
        Long iommu = src.count(attr(child(busCap, "iommuGroup"), "number"), path + "/iommuGroup/@number", "the IOMMU group");
        // the board as libvirt names it from the PCI id database, e.g. <product id='0x25b6'>GA107GL [A2 / A16]</product>:
        // kept as the parent's attributes product and productId (rules can read parent.attributes.*). It is not the
        // model the packs match ("NVIDIA A16" is the vendor's name; the PCI database names the chip), so it does not
        // stand in for one: validate names the packs' models for a parent that has none they know.
        Map<String, String> attributes = new LinkedHashMap<>();
        Element product = child(busCap, "product");
        if (product != null && !product.getTextContent().trim().isEmpty()) attributes.put("product", product.getTextContent().trim());
        if (product != null && attr(product, "id") != null) attributes.put("productId", attr(product, "id"));
        return new ParentDevice(id, driver, null, numaNode, iommu, attributes, types, null);
    }

    private static ParentDevice mdev(Element device, String name, Element cap, String path, XmlSource src) {
        String fromName = LibvirtNames.mdevUuid(name);
        String uuid = text(cap, "uuid");
        // libvirt before 7.x had no <uuid>: the device name was the only place the UUID was written
        if (uuid == null || uuid.isEmpty()) uuid = fromName;
        if (uuid == null || !Uuids.isUuid(uuid)) {
            src.problem(path + "/uuid", "mdev " + name + " has no UUID (expected <uuid> or a name like mdev_<uuid>)"
                    + (uuid == null ? "" : " but got '" + uuid + "'"));
            return null;
        }
        uuid = Uuids.normal(uuid);
        if (fromName != null && !fromName.equals(uuid))
            src.problem(path + "/uuid", "mdev " + name + " names UUID " + fromName + " but its <uuid> is " + uuid);
        String parentName = text(device, "parent");
        String parent = parentName == null || COMPUTER.equals(parentName) ? LibvirtNames.mdevParent(name) : LibvirtNames.busId(parentName);
        if (parent == null && COMPUTER.equals(parentName)) {
            // libvirt names the parent "computer" when no node device it knows is an ancestor: a virtual parent such as
            // the mtty sample driver's /sys/devices/virtual/mtty/mtty (node_device_udev.c, udevSetParent). Skip this mdev
            // only: the rest of the import stands.
            src.warn("mdev " + name + " has parent 'computer' (a virtual device libvirt does not list) and its name does not say which:"
                    + " skipped; import this host with `devplace import mdevctl` or `import sysfs` to include it");
            return null;
        }
        if (parent == null) {
            src.problem(path, "cannot tell the parent of mdev " + name + ": "
                    + (parentName == null ? "it has no <parent>" : "'" + parentName + "' is not a PCI, CSS or AP matrix device name"));
            return null;
        }
        String type = attr(child(cap, "type"), "id");
        if (type == null || type.isEmpty()) {
            src.problem(path + "/type", "mdev " + name + " has no <type id='...'>");
            return null;
        }
        String driver = ParentDrivers.ofType(type);
        if (driver == null)
            src.problem(path + "/type/@id", "cannot tell the driver of parent " + parent + ": type id '" + type
                    + "' has no driver prefix (the kernel names types <driver>-<name>, e.g. nvidia-749)");
        Long iommu = src.count(attr(child(cap, "iommuGroup"), "number"), path + "/iommuGroup/@number", "the IOMMU group");
        // <start type='auto|manual'/>: libvirt 7.8+ shows mdevctl's start for a persistent (defined) mdev
        String start = attr(child(cap, "start"), "type");
        if (start != null && !Mdev.STARTS.contains(start)) {
            src.problem(path + "/start/@type", "expected <start type='auto'/> or 'manual' but got '" + start + "'");
            start = null;
        }
        Mdev m = new Mdev(uuid, type, attrs(cap, path, src), iommu, null, start);
        return new ParentDevice(parent, driver, null, null, null, null, null, List.of(m));
    }

    /** {@code <attr name= value=/>} in document order: mdevctl writes them to sysfs in that order. */
    private static List<Map<String, String>> attrs(Element cap, String path, XmlSource src) {
        List<Map<String, String>> out = new ArrayList<>();
        List<Element> as = children(cap, "attr");
        for (int i = 0; i < as.size(); i++) {
            String n = attr(as.get(i), "name");
            String v = attr(as.get(i), "value");
            if (n == null || n.isEmpty() || v == null) src.problem(path + "/attr[" + (i + 1) + "]", "expected <attr name='...' value='...'/>");
            else out.add(Map.of(n, v));
        }
        return out;
    }

    private static String commonDriver(String name, Collection<String> typeIds, String path, XmlSource src) {
        try {
            String d = ParentDrivers.common(typeIds);
            if (d == null) src.problem(path, "cannot tell the driver of " + name + ": it has no <driver> and lists no mdev types");
            return d;
        } catch (IllegalArgumentException e) {
            src.problem(path, "cannot tell the driver of " + name + ": " + e.getMessage());
            return null;
        }
    }
}
