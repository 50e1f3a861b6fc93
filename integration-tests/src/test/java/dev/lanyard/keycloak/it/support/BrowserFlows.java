package dev.lanyard.keycloak.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Browser flows built through the admin API, as a realm admin builds them in the console. */
public final class BrowserFlows {

    private BrowserFlows() {
    }

    /** One execution of the form step and its requirement (REQUIRED, ALTERNATIVE, ...). */
    public record Step(String provider, String requirement) {
    }

    /** Makes {@code alias} the realm's browser flow: the SSO cookie, or else a form step of {@code steps}. */
    public static void use(AdminApi admin, String realm, String alias, Step... steps) {
        String flows = "/" + realm + "/authentication/flows";
        String forms = alias + "-forms";
        admin.must("POST", flows, "{\"alias\": \"" + alias + "\", \"providerId\": \"basic-flow\", \"topLevel\": true, \"builtIn\": false}");
        admin.must("POST", flows + "/" + alias + "/executions/execution", "{\"provider\": \"auth-cookie\"}");
        admin.must("POST", flows + "/" + alias + "/executions/flow",
                "{\"alias\": \"" + forms + "\", \"type\": \"basic-flow\", \"provider\": \"registration-page-form\"}");
        for (Step step : steps) {
            admin.must("POST", flows + "/" + forms + "/executions/execution", "{\"provider\": \"" + step.provider() + "\"}");
        }
        for (JsonNode execution : admin.getJson(flows + "/" + alias + "/executions")) {
            String requirement = execution.get("level").asInt() == 0 ? "ALTERNATIVE" : stepFor(steps, execution).requirement();
            ((ObjectNode) execution).put("requirement", requirement);
            admin.must("PUT", flows + "/" + alias + "/executions", execution.toString());
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
