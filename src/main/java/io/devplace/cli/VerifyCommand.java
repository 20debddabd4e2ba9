package io.devplace.cli;

import io.devplace.model.PlanReader;
import io.devplace.model.Plan;
import io.devplace.verify.PlanVerifier;
import io.devplace.verify.Violations;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code devplace verify -f FLEET PLAN}: independently checks a plan against SPEC §2.2 (exit 5 on a violation). */
@Command(name = "verify", mixinStandardHelpOptions = true, description = "Independently check a plan against the fleet and the rules (exit 5 on a violation).")
public final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    /** SPEC §3: given, the plan is checked against this policy instead of the one recorded in its request. */
    @Mixin
    PolicyInput policy = new PolicyInput();

    @Parameters(paramLabel = "PLAN", description = "Plan document (JSON or YAML; - for stdin).")
    String planFile;

    @Override
    public Integer call() {
        FleetInput.Loaded l = fleet.load(false);
        Plan plan = PlanReader.read(planFile).value();
        if (policy.file != null || policy.timeLimit != null)
            plan = new Plan(plan.apiVersion(), plan.kind(), new Plan.Request(plan.request() == null ? null : plan.request().evacuate(),
                    policy.load()), plan.summary(), plan.moves(), plan.actions(), plan.unplaced());
        if (plan.summary() != null && plan.summary().fleetDigest() != null && !plan.summary().fleetDigest().equals(l.digest()))
            spec.commandLine().getErr().println("devplace: note: the plan was made for a different fleet file (digest differs); checking against this one");
        Violations v = PlanVerifier.verify(l.view().fleet(), l.view().rules(), plan);
        if (v.isEmpty()) {
            spec.commandLine().getOut().println("plan verifies: " + plan.moves().size() + " moves, " + plan.actions().size() + " actions, "
                    + plan.unplaced().size() + " unplaced");
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
        for (String s : v.list()) spec.commandLine().getErr().println("violation: " + s);
        spec.commandLine().getErr().println("devplace: the plan violates " + v.list().size() + " rule(s) of SPEC §2.2");
        spec.commandLine().getErr().flush();
        return ExitCodes.VERIFY_FAILED;
    }
}
