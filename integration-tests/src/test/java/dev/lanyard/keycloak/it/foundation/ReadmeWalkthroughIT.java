package dev.lanyard.keycloak.it.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.lanyard.keycloak.it.support.Lanyard;
import dev.lanyard.keycloak.it.support.LanyardExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * README's walk-through, as a reader runs it: every {@code sh} block marked {@code <!-- walkthrough -->}, in order
 * in one bash, with the test server in place of http://localhost:8080; each curl line's answer must be the one
 * README states under it ({@code # 200 {"status":"sent"}}, {@code …} standing for anything).
 */
@ExtendWith(LanyardExtension.class)
class ReadmeWalkthroughIT {

    private static final String MARKER = "<!-- walkthrough -->";
    private static final String README_SERVER = "http://localhost:8080";
    private static final Pattern ANSWER = Pattern.compile("# (\\d{3})(?: (.*))?");
    private static final Pattern STATUS_LINE = Pattern.compile("(?m)^HTTP/\\S+ (\\d{3})");
    private static final String STEP_SEPARATOR = "@@@ next step @@@";

    @Test
    void everyWalkthroughCommandAnswersAsReadmeSays(Lanyard lanyard) throws Exception {
        List<Step> steps = walkthroughSteps(Files.readString(Path.of(System.getProperty("lanyard.readme"))));
        assertFalse(steps.isEmpty(), "README marks walk-through blocks with " + MARKER);
        for (Step step : steps) {
            assertTrue(!step.command().contains("curl ") || step.answered(), "README states no answer under: " + step.command());
        }

        List<String> outputs = run(steps, lanyard.origin());
        for (int i = 0; i < steps.size(); i++) {
            Step step = steps.get(i);
            if (step.answered()) {
                step.assertAnswer(outputs.get(i));
            }
        }
        assertTrue(Lanyard.mailText(lanyard.awaitMail("demo@example.com")).contains("/api/public/magic-link?token="),
                "the magic link waits in the inbox");
    }

    /** The walk-through signs the demo user in and sets a PIN: whatever a failure left, demo is as imported again. */
    @AfterEach
    void restoreDemoUser(Lanyard lanyard) {
        String demo = lanyard.admin().userId(Lanyard.DEMO_REALM, "demo").orElseThrow();
        String user = "/" + Lanyard.DEMO_REALM + "/users/" + demo;
        for (JsonNode credential : lanyard.admin().getJson(user + "/credentials")) {
            if ("pin".equals(credential.get("type").asText())) {
                lanyard.admin().must("DELETE", user + "/credentials/" + credential.get("id").asText(), null);
            }
        }
        lanyard.admin().must("POST", user + "/logout", null);
    }

    /** One command of a walk-through (with its continuation lines) and the answer README states under it, if any. */
    record Step(String command, String status, String body) {

        boolean answered() {
            return status != null;
        }

        /** The last HTTP answer in the command's output has README's status and body ({@code …}: anything). */
        void assertAnswer(String output) {
            Matcher statusLine = STATUS_LINE.matcher(output);
            int start = -1;
            String actualStatus = null;
            while (statusLine.find()) {
                start = statusLine.start();
                actualStatus = statusLine.group(1);
            }
            assertTrue(start >= 0, "no HTTP answer from: " + command + "\n" + output);
            String answer = output.substring(start).replace("\r\n", "\n");
            int bodyStart = answer.indexOf("\n\n");
            String actualBody = bodyStart < 0 ? "" : answer.substring(bodyStart + 2).trim();
            assertEquals(status, actualStatus, "the status of: " + command + "\n" + output);
            String pattern = Arrays.stream(body.split("…", -1)).map(Pattern::quote).collect(Collectors.joining(".*"));
            assertTrue(Pattern.compile(pattern, Pattern.DOTALL).matcher(actualBody).matches(),
                    "README says " + status + " " + body + " for: " + command + "\nbut the answer is:\n" + answer);
        }
    }

    /** The commands of README's marked {@code sh} blocks, in order; comments that state no answer are left out. */
    static List<Step> walkthroughSteps(String readme) {
        List<Step> steps = new ArrayList<>();
        List<String> lines = readme.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).trim().equals(MARKER)) {
                continue;
            }
            int fence = i + 1;
            assertEquals("```sh", lines.get(fence).trim(), "a " + MARKER + " line stands right above a ```sh block");
            StringBuilder command = new StringBuilder();
            for (int line = fence + 1; !lines.get(line).trim().equals("```"); line++) {
                String text = lines.get(line);
                Matcher answer = ANSWER.matcher(text.trim());
                if (command.length() > 0 && !command.toString().endsWith("\\\n")) {
                    steps.add(answer.matches()
                            ? new Step(command.toString().trim(), answer.group(1), answer.group(2) == null ? "" : answer.group(2))
                            : new Step(command.toString().trim(), null, null));
                    command.setLength(0);
                }
                if (!text.isBlank() && !text.trim().startsWith("#")) {
                    command.append(text).append('\n');
                }
            }
            if (command.length() > 0) {
                steps.add(new Step(command.toString().trim(), null, null));
            }
        }
        return steps;
    }

    /** Runs the steps in one bash, in a directory of its own (for the cookie jar), and returns each step's output. */
    private static List<String> run(List<Step> steps, String server) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory(Path.of("target"), "walkthrough");
        StringBuilder script = new StringBuilder("set -u\n");
        for (Step step : steps) {
            script.append("printf '\\n%s\\n' '").append(STEP_SEPARATOR).append("'\n")
                    .append(step.command().replace(README_SERVER, server)).append('\n');
        }
        Files.writeString(dir.resolve("walkthrough.sh"), script);
        Process bash = new ProcessBuilder("bash", "walkthrough.sh")
                .directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout").toFile())
                .redirectError(dir.resolve("stderr").toFile())
                .start();
        assertTrue(bash.waitFor(2, TimeUnit.MINUTES), "the walk-through did not finish; see " + dir);
        String output = Files.readString(dir.resolve("stdout"));
        List<String> outputs = Arrays.asList(output.split("\n" + Pattern.quote(STEP_SEPARATOR) + "\n", -1));
        assertEquals(steps.size() + 1, outputs.size(), "every step ran; see " + dir + "/stderr:\n" + output);
        return outputs.subList(1, outputs.size());
    }
}
