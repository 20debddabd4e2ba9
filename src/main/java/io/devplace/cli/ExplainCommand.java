package io.devplace.cli;

import io.devplace.fit.FleetState;
import io.devplace.fit.HostFit;
import io.devplace.fit.HostVerdict;
import io.devplace.model.Host;
import io.devplace.model.InvalidInputException;
import io.devplace.model.MoveMode;
import io.devplace.model.Policy;
import io.devplace.model.Reason;
import io.devplace.model.Vm;
import io.devplace.problem.DeviceTarget;
import io.devplace.problem.FleetView;
import io.devplace.problem.Mobility;
import io.devplace.problem.Reasons;
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

/** {@code devplace explain}: for one VM, whether each host could take it now and, if not, the reason code — no solver. */
@Command(name = "explain", mixinStandardHelpOptions = true, description = "Why a VM can or cannot go to each host (or one), with reason codes.")
public final class ExplainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Option(names = "--vm", required = true, paramLabel = "VM")
    String vmName;

    @Option(names = "--host", paramLabel = "HOST", description = "Judge only this host.")
    String hostName;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "table", description = "table (default), json or yaml.")
    String output;

    @Override
    public Integer call() {
        Output.checkFormat(spec, output, Output.RESULT_FORMATS);
        FleetView view = fleet.load(false).view();
        Policy pol = policy.load();
        Vm vm = view.fleet().vm(vmName);
        if (vm == null) throw new InvalidInputException("--vm", "", "VM '" + vmName + "' is not in the fleet");
        if (hostName != null && view.fleet().host(hostName) == null) throw new InvalidInputException("--host", "", "host '" + hostName + "' is not in the fleet");
        Host src = view.fleet().host(vm.host());
        Mobility mob = Mobility.of(view, vm, src.state(), pol);
        MoveMode mode = mob.mode();
        FleetState state = new FleetState(view);
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (Host h : view.fleet().hosts()) {
            if (h.name().equals(vm.host()) || (hostName != null && !h.name().equals(hostName))) continue;
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("host", h.name());
            if (!view.isTargetable(h)) {
                r.put("fits", false);
                r.put("reason", CompatCommand.ordered("code", "NOT_A_TARGET", "detail", Reasons.notATarget(h)));
            } else if (mode == null) {
                r.put("fits", false);
                r.put("reason", Reasons.notLiveMigratable(h.name(), vm.name(), mob.unmovable()));
            } else {
                HostVerdict v = HostFit.judge(state, vm, mode, h, pol);
                r.put("fits", v.fits());
                if (v.fits()) {
                    List<Map<String, Object>> devs = new ArrayList<>();
                    for (int i = 0; i < v.targets().size(); i++) {
                        DeviceTarget t = v.targets().get(i);
                        Map<String, Object> d = new LinkedHashMap<>();
                        d.put("parent", t.parent().id());
                        d.put("type", t.type());
                        d.put("attrs", t.attrs());
                        d.put("action", t.action());
                        if (t.reuses()) d.put(t.instanceField(), t.reuseUuid());
                        d.put("placement", v.placements().get(i));
                        d.put("rule", t.rule());
                        devs.add(d);
                    }
                    r.put("devices", devs);
                } else r.put("reason", v.reason());
            }
            hosts.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("vm", vm.name());
        out.put("host", vm.host());
        out.put("mode", mode == null ? null : mode.wire());
        out.put("hosts", hosts);
        PrintWriter o = spec.commandLine().getOut();
        if (!output.equals("table")) o.print(Output.document(out, output));
        else table(o, vm, mode, hosts);
        o.flush();
        return ExitCodes.OK;
    }

    @SuppressWarnings("unchecked")
    private static void table(PrintWriter o, Vm vm, MoveMode mode, List<Map<String, Object>> hosts) {
        o.println(vm.name() + " on " + vm.host() + " (" + (mode == null ? "cannot move" : mode.wire() + " move") + ")");
        int w = hosts.stream().mapToInt(h -> ((String) h.get("host")).length()).max().orElse(4);
        for (Map<String, Object> h : hosts) {
            String name = String.format("%-" + w + "s", h.get("host"));
            if (Boolean.TRUE.equals(h.get("fits"))) {
                StringBuilder b = new StringBuilder();
                for (Map<String, Object> d : (List<Map<String, Object>>) h.get("devices"))
                    b.append(' ').append(d.get("parent")).append(' ').append(d.get("type")).append(' ').append(d.get("action"))
                            .append(((List<?>) d.get("attrs")).isEmpty() ? "" : " " + d.get("attrs")).append(" (").append(d.get("rule")).append(')');
                o.println("  " + name + "  fits:" + b);
            } else {
                Object r = h.get("reason");
                String code = r instanceof Reason rr ? rr.code() : String.valueOf(((Map<String, Object>) r).get("code"));
                String detail = r instanceof Reason rr ? rr.detail() : String.valueOf(((Map<String, Object>) r).get("detail"));
                o.println("  " + name + "  " + code + ": " + detail);
            }
        }
    }
}
