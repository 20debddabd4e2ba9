package io.devplace.cli;

import io.devplace.export.PlanStamp;
import io.devplace.model.PlanReader;
import io.devplace.model.Plan;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code devplace verify -f FLEET PLAN}: independently checks a plan against the rules every plan must satisfy (exit 5 on a violation). */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Independently check a plan against the fleet and the rules (exit 5 on a violation).")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    /** Given, the plan is checked against this policy instead of the one recorded in its request. */
    @Mixin
    PolicyFileInput policy = new PolicyFileInput();

    @Parameters(paramLabel = "PLAN", description = "Plan document (JSON or YAML; - for stdin).")
    String planFile;

    @Option(names = {"-o", "--output"}, paramLabel = "FMT", defaultValue = "table", description = "table (default), json or yaml.")
    String output;

    /** The plan as if its request had named {@code pol}: what verify and export check against when --policy is given. */
    static Plan withPolicy(Plan plan, io.devplace.model.Policy pol) {
        return new Plan(plan.apiVersion(), plan.kind(), new Plan.Request(plan.request() == null ? null : plan.request().evacuate(), pol),
                plan.summary(), plan.moves(), plan.actions(), plan.unplaced());
    }

    @Override
    public Integer call() {
        if (!List.of("table", "json", "yaml").contains(output))
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "-o must be table, json or yaml but got '" + output + "'");
        FleetInput.Loaded l = fleet.load(false);
        Plan plan = PlanReader.read(planFile).value();
        if (policy.file != null) plan = withPolicy(plan, policy.load());
        if (plan.summary() != null && plan.summary().fleetDigest() != null && !plan.summary().fleetDigest().equals(l.digest()))
            spec.commandLine().getErr().println("devplace: note: the plan was made for a different fleet file (digest differs); checking against this one");
        Violations v = PlanVerifier.verify(l.view().fleet(), l.view().rules(), plan);
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        if (!output.equals("table")) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("verifies", v.isEmpty());
            doc.put("plan", PlanStamp.digest(plan));
            doc.put("fleetDigest", l.digest());
            doc.put("moves", plan.moves().size());
            doc.put("actions", plan.actions().size());
            doc.put("unplaced", plan.unplaced().size());
            doc.put("violations", v.list());
            out.print(output.equals("json") ? Output.json(doc) : Output.yaml(doc));
            out.flush();
            return v.isEmpty() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
        }
        if (v.isEmpty()) {
            out.println("plan " + PlanStamp.digest(plan) + " verifies: " + plan.moves().size() + " moves, " + plan.actions().size() + " actions, "
                    + plan.unplaced().size() + " unplaced");
            out.flush();
            return ExitCodes.OK;
        }
        for (String s : v.list()) err.println("violation: " + s);
        err.println("devplace: the plan violates " + v.list().size() + " rule(s) every plan must satisfy (docs/reference/plan.md, \"What the verifier checks\")");
        err.flush();
        return ExitCodes.VERIFY_FAILED;
    }
}
