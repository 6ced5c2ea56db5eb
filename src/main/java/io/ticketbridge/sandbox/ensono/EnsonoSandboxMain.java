package io.ticketbridge.sandbox.ensono;

import io.ticketbridge.sandbox.sqs.EmbeddedSqs;
import java.util.concurrent.CountDownLatch;

/**
 * Stand-alone Ensono bridge + ElasticMQ for trying the API with curl:
 * {@code java -cp target/ticketbridge.jar io.ticketbridge.sandbox.ensono.EnsonoSandboxMain [bridgePort] [sqsPort]}
 * (defaults 8089 and 9324). Runs until interrupted.
 */
public final class EnsonoSandboxMain {

    static final String CLIENT = "acme";
    static final String ENV = "dev";
    static final String API_KEY = "sandbox-api-key";

    private EnsonoSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        int bridgePort = args.length > 0 ? Integer.parseInt(args[0]) : 8089;
        int sqsPort = args.length > 1 ? Integer.parseInt(args[1]) : 9324;
        EmbeddedSqs sqs = EmbeddedSqs.start(sqsPort);
        String queueUrl = sqs.createFifoQueue(CLIENT + "-" + ENV + "-inbound.fifo");
        EnsonoSimulator sim = EnsonoSimulator.builder()
                .clientName(CLIENT).env(ENV).apiKey(API_KEY)
                .sqs(sqs.client(), queueUrl)
                .port(bridgePort)
                .start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            sqs.close();
            stopped.countDown();
        }, "ensono-sandbox-shutdown"));
        System.out.println(usage(sim, sqs, queueUrl));
        stopped.await();
    }

    private static String usage(EnsonoSimulator sim, EmbeddedSqs sqs, String queueUrl) {
        String base = sim.baseUrl();
        String key = "-H 'x-api-key: " + API_KEY + "' -H 'Content-Type: application/json'";
        return String.join(System.lineSeparator(),
                "Ensono bridge simulator: " + base + "   (x-api-key: " + API_KEY + ")",
                "SQS (ElasticMQ):         " + sqs.endpoint() + "   queue " + queueUrl,
                "",
                "# client creates a ticket at Ensono",
                "curl -s " + key + " -X POST " + base + "/tickets -d '{\"payload\":{\"clientName\":\"" + CLIENT
                        + "\",\"clientTicketNumber\":\"INC0001\",\"ticketType\":\"Incident\",\"description\":\"VPN down\","
                        + "\"shortDescription\":\"VPN down\",\"contactName\":\"Jane Doe\",\"contactEmail\":\"jane@acme.example\"}}'",
                "# an Ensono engineer raises and updates a ticket (no api key on /_sim/)",
                "curl -s -X POST " + sim.serverUrl() + "/_sim/agent/tickets -d '{\"shortDescription\":\"Disk full\"}'",
                "curl -s -X POST " + sim.serverUrl() + "/_sim/agent/tickets/e-CS0000002/notes -d '{\"body\":\"Looking\",\"commenter\":\"Sam\"}'",
                "# read and delete queue messages (URL-encode the ReceiptHandle!)",
                "curl -s " + key + " " + base + "/queue",
                "curl -s " + key + " -X DELETE " + base + "/queue/<url-encoded ReceiptHandle>",
                "# simulator state",
                "curl -s " + sim.serverUrl() + "/_sim/tickets");
    }
}
