package io.devplace.cli;

import picocli.CommandLine.Command;

@Command(name = "compat", mixinStandardHelpOptions = true, description = "TODO")
public final class CompatCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() { return 0; }
}
