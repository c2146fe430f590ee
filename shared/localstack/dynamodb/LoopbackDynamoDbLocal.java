// Starts DynamoDB Local with its HTTP listener bound to 127.0.0.1 only.
// DynamoDB Local has no host option and listens on every interface; this launcher builds the
// server through the jar's own entry point, then sets the host on its Jetty connectors before start.
// Run as a single-file source program (java >= 11): java -cp <jar>:<lib>/* LoopbackDynamoDbLocal.java <args>
import java.lang.reflect.Field;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

public class LoopbackDynamoDbLocal {
  public static void main(String[] args) throws Exception {
    DynamoDBProxyServer proxy = ServerRunner.createServerFromCommandLineArgs(args);
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    Server jetty = (Server) field.get(proxy);
    int bound = 0;
    for (Connector connector : jetty.getConnectors()) {
      if (connector instanceof ServerConnector serverConnector) {
        serverConnector.setHost("127.0.0.1");
        bound++;
      }
    }
    if (bound == 0) {
      System.err.println("ballast: no Jetty connector found to bind to 127.0.0.1; refusing to listen on all interfaces");
      System.exit(3);
    }
    proxy.start();
    System.out.println("ballast-dynamodb-local ready on 127.0.0.1");
    proxy.join();
  }
}
