package org.autodiff4j.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.util.Set;

/**
 * {@code autodiff serve}: starts the playground ({@link PlaygroundServer}) and prints its address.
 * It binds to 127.0.0.1 unless {@code --host} says otherwise, with a warning, since the page
 * evaluates whatever formula it is sent.
 */
final class ServeCommand extends Command {

    ServeCommand() {
        super("serve", "serve [--port 8080] [--host 127.0.0.1]",
                "the playground: a web page that differentiates what you type and draws how",
                Set.of("--port", "--host"), Set.of());
    }

    @Override
    void run(Options options, PrintStream out) throws IOException {
        if (!options.positional().isEmpty()) {
            throw new UsageException("serve: takes no formula; type it into the page");
        }
        int port = options.integer("--port", 8080, 0, 65535);
        String host = options.value("--host", "127.0.0.1");
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (IOException e) {
            throw new UsageException("serve: --host " + host + " is not an address of this machine");
        }
        if (!address.isLoopbackAddress()) {
            System.err.println("autodiff: warning: serving on " + host + ", reachable from other machines; the playground has no login");
        }
        PlaygroundServer server;
        try {
            server = PlaygroundServer.start(host, port);
        } catch (java.net.BindException e) {
            throw new UsageException("serve: cannot listen on " + host + ":" + port + " (" + e.getMessage() + "); try another --port");
        }
        out.println("autodiff playground at " + server.address() + "  (Ctrl-C stops it)");
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(server::close));
        try {
            Thread.currentThread().join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
        }
    }
}
