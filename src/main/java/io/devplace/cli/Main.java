package io.devplace.cli;

import io.devplace.model.InvalidInputException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code devplace} executable: subcommands, exit codes (docs/reference/exit-codes.md), and errors as messages, never stack traces. */
@Command(name = "devplace", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = "Plans live migration of VMs with assigned devices (vGPU / VFIO mdev).",
        subcommands = {DemoCommand.class, ValidateCommand.class, CompatCommand.class, ExplainCommand.class,
                WhatifCommand.class,
                PlanCommand.class, VerifyCommand.class, ExportCommand.class, ImportCommand.class, ServeCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() { throw new CommandLine.ParameterException(spec.commandLine(), "expected a subcommand"); }

    public static void main(String[] args) { System.exit(run(args)); }

    /** Runs devplace in-process and returns its exit code (used by main and by end-to-end tests). */
    public static int run(String... args) {
        CommandLine cl = commandLine();
        return cl.execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        everySubcommand(cl, c -> c.getCommandSpec().versionProvider(new Version()));
        cl.setExecutionExceptionHandler((ex, cmd, parse) -> {
            if (ex instanceof InvalidInputException iie) {
                cmd.getErr().println("devplace: invalid input:");
                cmd.getErr().println(indent(iie.getMessage()));
                cmd.getErr().flush();
                return ExitCodes.INVALID_INPUT;
            }
            if (ex instanceof CommandFailure cf) {
                cmd.getErr().println("devplace: " + cf.getMessage());
                cmd.getErr().flush();
                return cf.exitCode();
            }
            cmd.getErr().println("devplace: internal error: " + ex);
            if (System.getenv("DEVPLACE_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            else cmd.getErr().println("(set DEVPLACE_DEBUG=1 for the stack trace)");
            cmd.getErr().flush();
            return ExitCodes.INTERNAL;
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("devplace: " + ex.getMessage());
            // "Did you mean: --time-limit?" for a misspelt option or subcommand
            if (ex instanceof CommandLine.UnmatchedArgumentException u) CommandLine.UnmatchedArgumentException.printSuggestions(u, c.getErr());
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help'.");
            c.getErr().flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static void everySubcommand(CommandLine cl, java.util.function.Consumer<CommandLine> f) {
        f.accept(cl);
        for (CommandLine sub : cl.getSubcommands().values()) everySubcommand(sub, f);
    }

    static String indent(String s) { return "  " + s.replace("\n", "\n  "); }

    /** The version of this build, as Maven wrote it into version.properties, and the Java running it. */
    /** This build's version, read from the jar (Maven writes it at build time). */
    static String version() {
        return buildProperties().getProperty("version", "(unknown build)");
    }

    private static java.util.Properties buildProperties() {
        java.util.Properties p = new java.util.Properties();
        try (var in = Main.class.getResourceAsStream("version.properties")) {
            if (in != null) p.load(in);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return p;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            java.util.Properties p = buildProperties();
            return new String[]{"devplace " + p.getProperty("version", "(unknown build)") + " (Timefold Solver " + p.getProperty("timefold", "?")
                    + ", Java " + System.getProperty("java.version") + ")"};
        }
    }
}
