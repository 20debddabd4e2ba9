package io.devplace.cli;

import picocli.CommandLine.Command;

@Command(name = "explain", mixinStandardHelpOptions = true, description = "TODO")
public final class ExplainCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() { return 0; }
}
