package io.devplace.cli;

import io.devplace.model.Documents;
import io.devplace.model.InvalidInputException;
import io.devplace.model.Locations;
import io.devplace.model.Policy;
import io.devplace.rules.RuleBook;
import io.devplace.server.DevplaceServer;
import io.devplace.server.InputChecks;
import io.devplace.server.ServiceConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code devplace serve}: the scheduler plugin service (docs/service.md) until SIGTERM/SIGINT, then a graceful stop. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Scheduler plugin service: Kubernetes scheduler extender and REST API (see docs/service.md).")
public final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    FleetInput fleet = new FleetInput();

    @Mixin
    PolicyInput policy = new PolicyInput();

    @Option(names = "--listen", paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; port 0 picks a free one).")
    String listen;

    @Option(names = "--token-file", paramLabel = "FILE",
            description = "Require 'Authorization: Bearer <token>' (the file's content, whitespace trimmed) on every request but the probes, /version and /openapi.yaml.")
    String tokenFile;

    @Option(names = "--config", paramLabel = "SERVICE.yaml", description = "Service config (kind: ServiceConfig): resource mapping, reservation TTL, queues.")
    String config;

    @Option(names = "--strict", description = "Treat capacity warnings in fleets (at start and on PUT /v1/fleet) as errors.")
    boolean strict;

    @Option(names = "--grace", paramLabel = "D", defaultValue = "10s", description = "How long requests in flight may finish on shutdown (default: ${DEFAULT-VALUE}).")
    String grace;

    @Override
    public Integer call() throws IOException, InterruptedException {
        InetSocketAddress addr = address(listen);
        long graceMillis;
        try {
            graceMillis = io.devplace.model.Durations.parse(grace).toMillis();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--grace: " + e.getMessage());
        }
        String token = tokenFile == null ? null : new String(Documents.readBytes(tokenFile), StandardCharsets.UTF_8).trim();
        if (token != null && token.isEmpty()) throw new InvalidInputException(tokenFile, "", "the token file is empty");
        ServiceConfig cfg = config == null ? ServiceConfig.defaults() : ServiceConfig.read(config);
        Policy pol = policy.load();
        byte[] bytes = Documents.readBytes(fleet.file);
        DevplaceServer server;
        try {
            server = DevplaceServer.start(new DevplaceServer.Settings(addr, token, pol, cfg, graceMillis), checks(fleet.rules.load(), strict),
                    fleet.file, bytes);
        } catch (BindException e) {
            throw new CommandFailure(ExitCodes.ENVIRONMENT, "cannot listen on " + listen + ": " + e.getMessage()
                    + " (is another devplace or another service already using that port? choose another with --listen HOST:PORT)");
        }
        var err = spec.commandLine().getErr();
        // SIGTERM/SIGINT run this hook; the JVM then exits with 128 + the signal (143 for SIGTERM), as any JVM does
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            err.println("devplace: stopped");
            err.flush();
        }, "devplace-shutdown"));
        err.println("devplace: serving on http://" + server.address().getHostString() + ":" + server.address().getPort()
                + " (fleet generation " + server.generation() + (token == null ? ", no authentication" : ", bearer token required") + ")");
        err.flush();
        server.awaitTermination();
        return ExitCodes.OK;
    }

    /** The CLI's own validation, handed to the server so that PUT /v1/fleet and inline policies are checked identically. */
    public static InputChecks checks(RuleBook book, boolean strict) {
        return new InputChecks() {
            @Override
            public LoadedFleet fleet(String name, byte[] bytes) {
                FleetInput.Loaded l = FleetInput.load(name, bytes, book, strict);
                return new LoadedFleet(l.view(), l.warnings(), l.digest());
            }

            @Override
            public Policy policy(Policy p, String where) {
                Policy full = p.withDefaults();
                PolicyInput.check(full, new Locations(where));
                return full;
            }
        };
    }

    private InetSocketAddress address(String s) {
        int colon = s.lastIndexOf(':');
        if (colon < 0) throw new ParameterException(spec.commandLine(), "--listen: expected HOST:PORT such as 127.0.0.1:8080 but got '" + s + "'");
        String host = s.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) host = host.substring(1, host.length() - 1);
        int port;
        try {
            port = Integer.parseInt(s.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) throw new ParameterException(spec.commandLine(), "--listen: expected a port from 0 to 65535 in '" + s + "'");
        return new InetSocketAddress(host.isEmpty() ? "0.0.0.0" : host, port);
    }
}
