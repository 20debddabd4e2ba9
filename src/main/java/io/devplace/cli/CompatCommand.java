package io.devplace.cli;

import io.devplace.model.FleetReader;
import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.Vm;
import io.devplace.model.VmDevice;
import io.devplace.problem.FleetView;
import io.devplace.problem.ParentView;
import io.devplace.problem.SourceDevice;
import io.devplace.rules.EntryFailure;
import io.devplace.rules.Match;
import io.devplace.rules.Recipe;
import io.devplace.rules.SourceDescriptor;
import io.devplace.rules.TargetOffer;
import io.devplace.rules.TemplateException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code devplace compat}: may this source device migrate to that target parent (one type, or every type it can
 * create), and how — the recipe and the rule that allows it, or per compatible entry the first failing field.
 */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Whether and how a source device (mdev UUID, VF address or VM:INDEX) can migrate to HOST/PARENT[:TYPE].")
public final class CompatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    /** docs/reference/commands.md: every command that reads documents takes --policy; compatibility does not depend on it, but it is checked. */
    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Option(names = "--source", required = true, paramLabel = "DEV", description = "An mdev UUID, a VF's PCI address (0000:41:00.4), or VM:INDEX (the VM's INDEX-th device, from 0).")
    String source;

    @Option(names = "--target", required = true, paramLabel = "HOST/PARENT[:TYPE]", description = "Target parent, optionally one type.")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "table", description = "table (default), json or yaml.")
    String output;

    /** A VF's PCI address as the kernel names it (domain:bus:slot.function), e.g. 0000:41:00.4. */
    private static final Pattern PCI_ADDRESS = Pattern.compile("[0-9a-fA-F]{4}:[0-9a-fA-F]{2}:[0-1][0-9a-fA-F]\\.[0-7]");
    private static final Pattern VM_INDEX = Pattern.compile("(.+):(\\d+)");

    @Override
    public Integer call() {
        Output.checkFormat(spec, output, Output.RESULT_FORMATS);
        // the forms of --source and --target are usage (exit 2), checked before anything is read; what they name is
        // looked up in the fleet (exit 4 when it is not there)
        SourceForm form = sourceForm();
        int slash = target.indexOf('/');
        if (slash <= 0 || slash == target.length() - 1 || target.endsWith(":"))
            throw new ParameterException(spec.commandLine(), "--target: expected HOST/PARENT[:TYPE] but got '" + target + "'");
        FleetView view = fleet.load(false).view();
        policy.load();
        Located src = locate(view, form);
        String hostName = target.substring(0, slash);
        String rest = target.substring(slash + 1);
        Host host = view.fleet().host(hostName);
        if (host == null) throw new InvalidInputException("--target", "", "host '" + hostName + "' is not in the fleet");
        // parent ids contain ':' (0000:3b:00.0): the type is what follows the last ':' only if the part before is a parent
        String parentId = rest, type = null;
        if (view.parent(hostName, rest) == null && rest.lastIndexOf(':') > 0) {
            parentId = rest.substring(0, rest.lastIndexOf(':'));
            type = rest.substring(rest.lastIndexOf(':') + 1);
        }
        ParentView pv = view.parent(hostName, parentId);
        if (pv == null) throw new InvalidInputException("--target", "", "parent '" + rest + "' is not on host " + hostName
                + (type == null ? "" : " (nor is parent '" + parentId + "')"));
        List<String> types = type == null ? pv.governed().creatableTypes() : List.of(type);
        if (type != null && !pv.governed().knowsType(type))
            throw new InvalidInputException("--target", "", hostName + " " + parentId + " cannot create type " + type);

        SourceDescriptor desc;
        try {
            desc = src.vm != null ? view.descriptor(src.vm, src.device)
                    : src.device.parent().governed().source(src.device.mdev(), null, "mdev " + src.device.mdev().uuid());
        } catch (TemplateException e) {
            throw new InvalidInputException("--source", "", "the source descriptor cannot be built: " + e.getMessage());
        }
        List<Map<String, Object>> results = new ArrayList<>();
        for (String t : types) results.add(result(view, desc, pv, t, src));
        boolean any = results.stream().anyMatch(r -> Boolean.TRUE.equals(r.get("compatible")));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("source", ordered("host", src.device.parent().host().name(), "parent", src.device.parent().id(),
                instanceField(src.device.parent()), src.device.mdev().uuid(), "type", src.device.mdev().type()));
        out.put("target", ordered("host", hostName, "parent", parentId));
        if (type != null) out.putAll(results.get(0));
        else {
            out.put("compatible", any);
            out.put("recipe", results.stream().filter(r -> Boolean.TRUE.equals(r.get("compatible"))).map(r -> r.get("recipe")).findFirst().orElse(null));
            out.put("types", results);
        }
        PrintWriter o = spec.commandLine().getOut();
        if (!output.equals("table")) o.print(Output.document(out, output));
        else printTable(o, src, hostName, parentId, results);
        o.flush();
        return ExitCodes.OK;
    }

    private Map<String, Object> result(FleetView view, SourceDescriptor desc, ParentView pv, String type, Located src) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("type", type);
        TargetOffer offer;
        try {
            offer = pv.governed().offer(type);
        } catch (TemplateException e) {
            r.put("compatible", false);
            r.put("failures", List.of(ordered("entry", -1, "field", "self", "detail", "the target's descriptor cannot be built: " + e.getMessage())));
            return r;
        }
        Match m = view.rules().matcher().match(desc, offer);
        r.put("compatible", m.compatible());
        if (m.compatible()) {
            Recipe rec = m.recipe(pv.id(), type);
            Map<String, Object> recipe = new LinkedHashMap<>();
            recipe.put("parent", rec.parent());
            recipe.put("type", rec.type());
            recipe.put("attrs", rec.attrs());
            recipe.put("action", pv.parent().vfBased() ? "configure" : "create");
            recipe.put("rule", rec.rule());
            r.put("recipe", recipe);
        } else {
            List<Map<String, Object>> fs = new ArrayList<>();
            for (EntryFailure f : m.failures()) fs.add(ordered("entry", f.entry(), "field", f.field(), "detail", f.detail()));
            r.put("failures", fs);
        }
        List<String> req = new ArrayList<>(src.device.parent().governed().requiresFailures());
        req.addAll(pv.governed().requiresFailures());
        if (!req.isEmpty()) r.put("requirements", req);
        return r;
    }

    @SuppressWarnings("unchecked")
    private static void printTable(PrintWriter o, Located src, String host, String parent, List<Map<String, Object>> results) {
        o.println("source " + src.device.parent().host().name() + " " + src.device.parent().id()
                + (src.device.parent().parent().vfBased() ? " VF " : " ") + src.device.mdev().uuid()
                + " (" + src.device.mdev().type() + ") -> " + host + " " + parent);
        for (Map<String, Object> r : results) {
            if (Boolean.TRUE.equals(r.get("compatible"))) {
                Map<String, Object> rec = (Map<String, Object>) r.get("recipe");
                String what = "configure".equals(rec.get("action")) ? "configure a free VF as " : "create ";
                o.println("  " + r.get("type") + ": compatible, " + what + rec.get("type") + " attrs " + rec.get("attrs") + " (rule " + rec.get("rule") + ")");
            } else {
                o.println("  " + r.get("type") + ": not compatible");
                for (Map<String, Object> f : (List<Map<String, Object>>) r.get("failures"))
                    o.println("      compatible[" + f.get("entry") + "] " + f.get("field") + ": " + f.get("detail"));
            }
            if (r.get("requirements") != null) for (String s : (List<String>) r.get("requirements")) o.println("      requirement not met: " + s);
        }
    }

    /** A map that keeps its keys in the order given (Map.of's order changes from run to run). */
    static Map<String, Object> ordered(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    /** The field that names an instance of this parent, as plans name it: {@code vf} (an address) on VF-based parents, else {@code uuid}. */
    private static String instanceField(ParentView pv) { return pv.parent().vfBased() ? "vf" : "uuid"; }

    private record Located(Vm vm, SourceDevice device) {}

    /** What {@code --source} says: an mdev UUID, a VF address, or a VM's device by index ({@code vm} and {@code index} set). */
    private record SourceForm(boolean vf, String vm, String index) {}

    private SourceForm sourceForm() {
        if (FleetReader.isUuid(source)) return new SourceForm(false, null, null);
        if (PCI_ADDRESS.matcher(source).matches()) return new SourceForm(true, null, null);
        Matcher m = VM_INDEX.matcher(source);
        if (m.matches()) return new SourceForm(false, m.group(1), m.group(2));
        throw new ParameterException(spec.commandLine(), "--source: expected an mdev UUID, a VF address (such as 0000:41:00.4) or VM:INDEX but got '"
                + source + "'");
    }

    private Located locate(FleetView view, SourceForm form) {
        if (form.vm() != null) {
            Vm vm = view.fleet().vm(form.vm());
            if (vm == null) throw new InvalidInputException("--source", "", "VM '" + form.vm() + "' is not in the fleet");
            long index;
            try {
                index = Long.parseLong(form.index());
            } catch (NumberFormatException e) {
                index = -1; // beyond a long: no VM has that many devices
            }
            for (SourceDevice d : view.devices(vm)) if (d.index() == index) return new Located(vm, d);
            throw new InvalidInputException("--source", "", "VM " + vm.name() + " has no device " + form.index() + " (it has " + vm.devices().size() + ")");
        }
        // an mdev UUID names mdevs, an address names VFs set to a type; owned by a VM or free
        List<Located> found = new ArrayList<>();
        for (Host h : view.fleet().hosts())
            for (ParentView pv : view.parents(h.name())) {
                if (pv.parent().vfBased() != form.vf()) continue;
                for (Mdev m : pv.parent().instances())
                    if (m.uuid().equalsIgnoreCase(source)) found.add(located(view, pv, m));
            }
        String what = form.vf() ? "VF" : "mdev";
        if (found.isEmpty())
            throw new InvalidInputException("--source", "", "no " + what + " " + source + " in the fleet" + (form.vf() ? " (set to a type)" : ""));
        if (found.size() > 1)
            throw new InvalidInputException("--source", "", what + " " + source + " is on more than one host: "
                    + String.join(", ", found.stream().map(l -> l.device().parent().host().name()
                            + (l.vm() == null ? " (free)" : " (" + l.vm().name() + ":" + l.device().index() + ")")).toList())
                    + "; name a VM's device as VM:INDEX");
        return found.get(0);
    }

    /** The instance {@code m} of {@code pv} as a source: the device of the VM that owns it, or a free instance. */
    private static Located located(FleetView view, ParentView pv, Mdev m) {
        String owner = pv.owner(m.uuid());
        Vm vm = owner == null ? null : view.fleet().vm(owner);
        if (vm != null)
            for (SourceDevice d : view.devices(vm))
                if (d.parent() == pv && d.mdev().uuid().equalsIgnoreCase(m.uuid())) return new Located(vm, d);
        var t = pv.governed().type(m.type());
        VmDevice declared = pv.parent().vfBased() ? new VmDevice(null, null, m.uuid(), null) : new VmDevice(m.uuid(), null);
        return new Located(null, new SourceDevice(0, pv, m, declared, pv.governed().aggregationOf(m.type(), m.attrs()), t == null ? 0 : t.stateMiB()));
    }
}
