package io.devplace.cli;

import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true, description = "TODO")
public final class DemoCommand implements java.util.concurrent.Callable<Integer> {
    @Override
    public Integer call() { return 0; }
}
