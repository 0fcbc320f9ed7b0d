package io.jurist.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Sends an NDJSON file to the bulk endpoint with curl, the way a data platform's script would. (The JDK's
 * HttpClient had the connection reset under it while the service streamed a long answer back during the upload;
 * curl sends and reads as the endpoint expects.)
 */
final class Curl {

    private Curl() {
    }

    /**
     * Posts the file; the answer lines go to {@code answers}.
     *
     * @return the batch's id in the decision log (the {@code Jurist-Batch-Id} header)
     */
    static String bulk(String url, Path ndjson, Path answers) throws IOException, InterruptedException {
        Path headers = Files.createTempFile(answers.getParent(), "headers", ".txt");
        Process curl = new ProcessBuilder("curl", "-sS", "--fail", "-o", answers.toString(), "-D", headers.toString(),
                "-H", "Authorization: Bearer " + JuristProcess.TOKEN, "-H", "Content-Type: application/x-ndjson",
                "--data-binary", "@" + ndjson, url + "/api/v1/decisions/batch").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT).start();
        if (curl.waitFor() != 0) {
            throw new IllegalStateException("curl failed: " + curl.exitValue());
        }
        for (String line : Files.readAllLines(headers)) {
            if (line.toLowerCase(Locale.ROOT).startsWith("jurist-batch-id:")) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        throw new IllegalStateException("No Jurist-Batch-Id in the answer");
    }
}
