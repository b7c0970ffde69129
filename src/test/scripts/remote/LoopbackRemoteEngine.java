// SPDX-License-Identifier: GPL-3.0-or-later
// Copyright (C) 2026 The overparam developers; see LICENSE.
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.rmi.registry.LocateRegistry;
import java.rmi.server.RMISocketFactory;

/**
 * Starts Weka's own {@code weka.experiment.RemoteEngine.main} with every RMI socket on the loopback
 * interface, for src/test/scripts/remote-experiment.sh. RMI listens on all interfaces by default
 * ({@code java.rmi.server.hostname} only changes the address written into stubs), so this sets a JVM-wide
 * socket factory that binds servers to 127.0.0.1 and connects only to 127.0.0.1, creates the RMI registry
 * on the given port, then hands over to RemoteEngine.main unchanged: it loads the installed packages
 * (GenericObjectEditor.determineClasses), installs the security manager and binds "//host:port/RemoteEngine"
 * into that registry. Not for real hosts: there, run weka.experiment.RemoteEngine itself
 * (docs/remote-experimenter.md).
 *
 * Usage: java ... LoopbackRemoteEngine -p PORT
 */
public final class LoopbackRemoteEngine {
  private LoopbackRemoteEngine() {
  }

  public static void main(String[] args) throws Exception {
    final InetAddress loopback = InetAddress.getByName("127.0.0.1");
    RMISocketFactory.setSocketFactory(new RMISocketFactory() {
      @Override
      public Socket createSocket(String host, int port) throws IOException {
        // RemoteEngine.main binds under InetAddress.getLocalHost()'s name; on this test every peer is local.
        return new Socket(loopback, port);
      }

      @Override
      public ServerSocket createServerSocket(int port) throws IOException {
        return new ServerSocket(port, 50, loopback);
      }
    });
    int port = 1099;
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals("-p")) {
        port = Integer.parseInt(args[i + 1]);
      }
    }
    LocateRegistry.createRegistry(port);
    System.err.println("LoopbackRemoteEngine: RMI registry on 127.0.0.1:" + port);
    weka.experiment.RemoteEngine.main(args);
  }
}
