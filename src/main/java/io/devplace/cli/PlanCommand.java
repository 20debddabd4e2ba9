package io.devplace.cli;

import picocli.CommandLine.Command;

@Command(name = "plan", mixinStandardHelpOptions = true, description = "TODO")
public final class PlanCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() { return 0; }
}
