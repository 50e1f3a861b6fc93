package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** Browser flows built through the admin API, as a realm admin builds them in the console. */
public final class BrowserFlows {

    private BrowserFlows() {
    }

    /** One execution of the form step and its requirement (REQUIRED, ALTERNATIVE, ...). */
    public record Step(String provider, String requirement) {
    }

    /** Makes {@code alias} the realm's browser flow: the SSO cookie, or else a form step of {@code steps}. */
    public static void use(AdminApi admin, String realm, String alias, Step... steps) {
        String flows = createTopLevel(admin, realm, alias);
        addSignIn(admin, flows, alias, steps);
        activate(admin, realm, alias, execution -> execution.get("level").asInt() == 0
                ? "ALTERNATIVE" : stepFor(steps, execution).requirement());
    }

    /**
     * Makes {@code alias} the realm's browser flow in the placement docs/routes.md documents for "Require app
     * permission": a sign-in sub-flow (the SSO cookie, or else the form {@code steps}), then the gate at the top
     * level, so that a single sign-on never skips it.
     */
    public static void useWithPermissionGate(AdminApi admin, String realm, String alias, Step... steps) {
        String flows = createTopLevel(admin, realm, alias);
        String signIn = alias + "-sign-in";
        admin.must("POST", flows + "/" + alias + "/executions/flow",
                "{\"alias\": \"" + signIn + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
        addSignIn(admin, flows, signIn, steps);
        admin.must("POST", flows + "/" + alias + "/executions/execution", "{\"provider\": \"lanyard-app-permission\"}");
        activate(admin, realm, alias, execution -> switch (execution.get("level").asInt()) {
            case 0 -> "REQUIRED";
            case 1 -> "ALTERNATIVE";
            default -> stepFor(steps, execution).requirement();
        });
    }

    /**
     * Makes {@code alias} the realm's browser flow in the placement docs/routes.md documents for the magic link, the one
     * the demo realm ships: a sign-in sub-flow of ALTERNATIVEs (the SSO cookie; a forms sub-flow of the username
     * and password form; a magic-link sub-flow of the magic link), each sign-in sub-flow followed by a conditional
     * PIN sub-flow (Condition - user configured, then the PIN), so that "Try another way" offers the link and a user
     * who has a PIN is asked for it either way.
     */
    public static void useWithMagicLink(AdminApi admin, String realm, String alias) {
        String flows = createTopLevel(admin, realm, alias);
        String signIn = alias + "-sign-in";
        admin.must("POST", flows + "/" + alias + "/executions/flow",
                "{\"alias\": \"" + signIn + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
        admin.must("POST", flows + "/" + signIn + "/executions/execution", "{\"provider\": \"auth-cookie\"}");
        for (String method : List.of("auth-username-password-form", "lanyard-magic-link")) {
            String methodFlow = alias + "-" + method;
            String pin = methodFlow + "-pin";
            admin.must("POST", flows + "/" + signIn + "/executions/flow",
                    "{\"alias\": \"" + methodFlow + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
            admin.must("POST", flows + "/" + methodFlow + "/executions/execution", "{\"provider\": \"" + method + "\"}");
            admin.must("POST", flows + "/" + methodFlow + "/executions/flow",
                    "{\"alias\": \"" + pin + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
            admin.must("POST", flows + "/" + pin + "/executions/execution", "{\"provider\": \"conditional-user-configured\"}");
            admin.must("POST", flows + "/" + pin + "/executions/execution", "{\"provider\": \"lanyard-pin\"}");
        }
        activate(admin, realm, alias, execution -> switch (execution.get("level").asInt()) {
            case 1 -> "ALTERNATIVE";
            case 2 -> execution.path("authenticationFlow").asBoolean() ? "CONDITIONAL" : "REQUIRED";
            default -> "REQUIRED";
        });
    }

    /**
     * Makes {@code alias} the realm's browser flow with step-up levels, as Keycloak's documentation builds one: the SSO
     * cookie, or else a forms sub-flow of two conditional sub-flows, each behind its "Condition - Level of
     * authentication": level 1 the username and password form (kept 10 hours), level 2 the {@code level2Steps}, all
     * required (an OTP code where none are named; kept {@code level2MaxAge} seconds).
     */
    public static void useWithLevels(AdminApi admin, String realm, String alias, int level2MaxAge, String... level2Steps) {
        String flows = createTopLevel(admin, realm, alias);
        String forms = alias + "-forms";
        admin.must("POST", flows + "/" + alias + "/executions/execution", "{\"provider\": \"auth-cookie\"}");
        admin.must("POST", flows + "/" + alias + "/executions/flow",
                "{\"alias\": \"" + forms + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
        List<List<String>> stepsOfLevel = List.of(List.of("auth-username-password-form"),
                level2Steps.length == 0 ? List.of("auth-otp-form") : List.of(level2Steps));
        List<Integer> maxAges = List.of(36000, level2MaxAge);
        for (int level = 1; level <= 2; level++) {
            String flow = alias + "-level-" + level;
            admin.must("POST", flows + "/" + forms + "/executions/flow",
                    "{\"alias\": \"" + flow + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
            admin.must("POST", flows + "/" + flow + "/executions/execution", "{\"provider\": \"conditional-level-of-authentication\"}");
            for (String step : stepsOfLevel.get(level - 1)) {
                admin.must("POST", flows + "/" + flow + "/executions/execution", "{\"provider\": \"" + step + "\"}");
            }
            configure(admin, realm, flow, "conditional-level-of-authentication",
                    "{\"loa-condition-level\": \"" + level + "\", \"loa-max-age\": \"" + maxAges.get(level - 1) + "\"}");
        }
        activate(admin, realm, alias, execution -> switch (execution.get("level").asInt()) {
            case 0 -> "ALTERNATIVE";
            case 1 -> "CONDITIONAL";
            default -> "REQUIRED";
        });
    }

    /** Saves {@code config} as the config of {@code provider}'s execution in flow {@code alias} (the console's gear icon). */
    public static void configure(AdminApi admin, String realm, String alias, String provider, String configJson) {
        for (JsonNode execution : admin.getJson("/" + realm + "/authentication/flows/" + alias + "/executions")) {
            if (provider.equals(execution.path("providerId").asText())) {
                admin.must("POST", "/" + realm + "/authentication/executions/" + execution.get("id").asText() + "/config",
                        "{\"alias\": \"" + alias + "-" + provider + "\", \"config\": " + configJson + "}");
                return;
            }
        }
        throw new IllegalStateException("No " + provider + " in flow " + alias);
    }

    /** A new top-level flow; returns the admin path of the realm's flows. */
    private static String createTopLevel(AdminApi admin, String realm, String alias) {
        String flows = "/" + realm + "/authentication/flows";
        admin.must("POST", flows, "{\"alias\": \"" + alias + "\", \"providerId\": \"basic-flow\", \"topLevel\": true, \"builtIn\": false}");
        return flows;
    }

    /** Into {@code flow}: the SSO cookie, or else a forms sub-flow of {@code steps}. */
    private static void addSignIn(AdminApi admin, String flows, String flow, Step... steps) {
        String forms = flow + "-forms";
        admin.must("POST", flows + "/" + flow + "/executions/execution", "{\"provider\": \"auth-cookie\"}");
        admin.must("POST", flows + "/" + flow + "/executions/flow",
                "{\"alias\": \"" + forms + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
        for (Step step : steps) {
            admin.must("POST", flows + "/" + forms + "/executions/execution", "{\"provider\": \"" + step.provider() + "\"}");
        }
    }

    /**
     * Sets every execution's requirement, as the console's requirement menu does (so only to a requirement that
     * menu offers for the execution), and makes the flow the realm's browser flow.
     */
    public static void activate(AdminApi admin, String realm, String alias, Function<JsonNode, String> requirement) {
        String executions = "/" + realm + "/authentication/flows/" + alias + "/executions";
        for (JsonNode execution : admin.getJson(executions)) {
            String chosen = requirement.apply(execution);
            List<String> offered = new ArrayList<>();
            execution.path("requirementChoices").forEach(choice -> offered.add(choice.asText()));
            if (!offered.contains(chosen)) {
                throw new IllegalArgumentException("The console offers " + offered + " for " + execution.path("displayName").asText()
                        + ", not " + chosen);
            }
            ((ObjectNode) execution).put("requirement", chosen);
            admin.must("PUT", executions, execution.toString());
        }
        admin.must("PUT", "/" + realm, "{\"browserFlow\": \"" + alias + "\"}");
    }

    private static Step stepFor(Step[] steps, JsonNode execution) {
        for (Step step : steps) {
            if (step.provider().equals(execution.path("providerId").asText())) {
                return step;
            }
        }
        throw new IllegalStateException("Unexpected execution " + execution);
    }
}
