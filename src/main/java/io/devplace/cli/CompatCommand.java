package io.devplace.cli;

import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Mdev;
import io.devplace.model.Vm;
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
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code devplace compat}: may this source device migrate to that target parent (one type, or every type it can
 * create), and how — the recipe and the rule that allows it, or per compatible entry the first failing field.
 */
@Command(name = "compat", mixinStandardHelpOptions = true,
        description = "Whether and how a source device (mdev UUID or VM:INDEX) can migrate to HOST/PARENT[:TYPE].")
public final class CompatCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    /** docs/reference/commands.md: every command that reads documents takes --policy; compatibility does not depend on it, but it is checked. */
    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Option(names = "--source", required = true, paramLabel = "DEV", description = "An mdev UUID, or VM:INDEX (the VM's INDEX-th device).")
    String source;

    @Option(names = "--target", required = true, paramLabel = "HOST/PARENT[:TYPE]", description = "Target parent, optionally one type.")
    String target;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "table", description = "table (default), json or yaml.")
    String output;

    @Override
    public Integer call() {
        Output.checkFormat(spec, output, Output.RESULT_FORMATS);
        FleetView view = fleet.load(false).view();
        policy.load();
        Located src = locate(view);
        int slash = target.indexOf('/');
        if (slash <= 0) throw new InvalidInputException("--target", "", "expected HOST/PARENT[:TYPE] but got '" + target + "'");
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
                "uuid", src.device.mdev().uuid(), "type", src.device.mdev().type()));
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
        o.println("source " + src.device.parent().host().name() + " " + src.device.parent().id() + " " + src.device.mdev().uuid()
                + " (" + src.device.mdev().type() + ") -> " + host + " " + parent);
        for (Map<String, Object> r : results) {
            if (Boolean.TRUE.equals(r.get("compatible"))) {
                Map<String, Object> rec = (Map<String, Object>) r.get("recipe");
                o.println("  " + r.get("type") + ": compatible, create " + rec.get("type") + " attrs " + rec.get("attrs") + " (rule " + rec.get("rule") + ")");
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

    private record Located(Vm vm, SourceDevice device) {}

    private Located locate(FleetView view) {
        int colon = source.lastIndexOf(':');
        if (colon > 0 && source.substring(colon + 1).matches("\\d+")) {
            Vm vm = view.fleet().vm(source.substring(0, colon));
            if (vm == null) throw new InvalidInputException("--source", "", "VM '" + source.substring(0, colon) + "' is not in the fleet");
            int idx = Integer.parseInt(source.substring(colon + 1));
            for (SourceDevice d : view.devices(vm)) if (d.index() == idx) return new Located(vm, d);
            throw new InvalidInputException("--source", "", "VM " + vm.name() + " has no device " + idx + " (it has " + vm.devices().size() + ")");
        }
        for (Vm vm : view.fleet().vms())
            for (SourceDevice d : view.devices(vm)) if (d.mdev().uuid().equalsIgnoreCase(source)) return new Located(vm, d);
        for (Host h : view.fleet().hosts())
            for (ParentView pv : view.parents(h.name()))
                for (Mdev m : pv.parent().mdevs())
                    if (m.uuid().equalsIgnoreCase(source)) {
                        var t = pv.governed().type(m.type());
                        return new Located(null, new SourceDevice(0, pv, m, new io.devplace.model.VmDevice(m.uuid(), null),
                                pv.governed().aggregationOf(m.type(), m.attrs()), t == null ? 0 : t.stateMiB()));
                    }
        throw new InvalidInputException("--source", "", "no mdev " + source + " in the fleet (expected an mdev UUID or VM:INDEX)");
    }
}
