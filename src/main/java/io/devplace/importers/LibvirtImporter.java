package io.devplace.importers;

import io.devplace.model.Documents;
import io.devplace.model.Fleet;
import io.devplace.model.Host;
import io.devplace.model.InputProblem;
import io.devplace.model.InvalidInputException;
import io.devplace.model.ParentDevice;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a one-host Fleet from libvirt XML : {@code virsh nodedev-dumpxml} output for mdev parents and
 * mdevs, and {@code virsh dumpxml} output for the domains that own them. Each file holds one {@code <device>} or
 * {@code <domain>}, several one after another (a shell loop over virsh), or a wrapper element around several (as the
 * test driver's {@code <node>} does). Every device
 * and domain is a fragment; the merger combines them, so a parent's own XML and its mdevs' XML meet by bus id.
 */
public final class LibvirtImporter {
    private LibvirtImporter() {}

    public static Imported importFiles(HostFacts host, List<String> files) {
        List<InputProblem> problems = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<Fragment> fragments = new ArrayList<>();
        fragments.add(new Fragment("the command line", fleet(new Host(host.name(), host.cpus(), host.memoryMiB(), null, null, null, null, null), null)));
        Map<String, String> domainFile = new LinkedHashMap<>();
        for (String file : files) {
            XmlSource src = new XmlSource(file, problems, warnings);
            List<Element> roots = SafeXml.readConcatenated(file);
            if (roots.isEmpty()) src.problem("", "expected virsh nodedev-dumpxml (<device>) or virsh dumpxml (<domain>) output but the file holds no XML element");
            for (Element root : roots) {
                List<Element> items = items(root);
                String at = items.size() == 1 && items.get(0) == root ? "" : "/" + root.getTagName();
                if (items.isEmpty())
                    src.problem("/" + root.getTagName(), "expected virsh nodedev-dumpxml (<device>) or virsh dumpxml (<domain>) output but " + (roots.size() == 1 ? "the root element is <" : "found <")
                            + root.getTagName() + ">");
                for (Element e : items) {
                    if (e.getTagName().equals("device")) {
                        ParentDevice p = NodeDeviceXml.read(e, at, src);
                        if (p != null) fragments.add(new Fragment(file, fleet(new Host(host.name(), 0, 0, null, null, null, null, List.of(p)), null)));
                    } else {
                        Vm vm = DomainXml.read(e, host.name(), at, src);
                        if (vm != null) {
                            fragments.add(new Fragment(file, fleet(null, vm)));
                            domainFile.putIfAbsent(vm.name(), file);
                        }
                    }
                }
            }
        }
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
        Fleet fleet = FleetMerger.merge(fragments);
        checkOwnedMdevsExist(fleet, domainFile);
        return new Imported(fleet, warnings);
    }

    /** The {@code <device>}/{@code <domain>} elements a file holds: the root itself, or the root's children. */
    private static List<Element> items(Element root) {
        if (root.getTagName().equals("device") || root.getTagName().equals("domain")) return List.of(root);
        List<Element> out = new ArrayList<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling())
            if (n instanceof Element c && (c.getTagName().equals("device") || c.getTagName().equals("domain"))) out.add(c);
        return out;
    }

    /** A domain's mdev must be among the node devices given; otherwise its parent and type are unknown. */
    private static void checkOwnedMdevsExist(Fleet fleet, Map<String, String> domainFile) {
        Set<String> known = new HashSet<>();
        for (Host h : fleet.hosts())
            for (ParentDevice p : h.devices()) p.mdevs().forEach(m -> known.add(Uuids.normal(m.uuid())));
        List<InputProblem> problems = new ArrayList<>();
        for (Vm vm : fleet.vms())
            for (VmDevice d : vm.devices())
                if (!known.contains(Uuids.normal(d.mdev())))
                    problems.add(new InputProblem(domainFile.get(vm.name()), "/domain[name='" + vm.name() + "']/devices/hostdev", 0, 0,
                            "domain " + vm.name() + " uses mdev " + d.mdev() + ", which no node device file describes: add the output of"
                                    + " `virsh nodedev-dumpxml mdev_" + d.mdev().replace('-', '_') + "` (and of its parent)"));
        if (!problems.isEmpty()) throw new InvalidInputException(problems);
    }

    private static Fleet fleet(Host h, Vm vm) {
        return new Fleet(Documents.API_VERSION, "Fleet", h == null ? List.of() : List.of(h), vm == null ? List.of() : List.of(vm));
    }
}
