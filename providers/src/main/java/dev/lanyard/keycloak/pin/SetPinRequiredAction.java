package dev.lanyard.keycloak.pin;

import jakarta.ws.rs.core.MultivaluedMap;
import org.keycloak.authentication.RequiredActionContext;
import org.keycloak.authentication.RequiredActionProvider;
import org.keycloak.events.Details;
import org.keycloak.events.EventType;

/** "Set up PIN": a themed page where a browser user chooses a PIN (twice), held to the realm's PIN policy. */
final class SetPinRequiredAction implements RequiredActionProvider {

    static final String TEMPLATE = "lanyard-set-pin.ftl";

    @Override
    public void evaluateTriggers(RequiredActionContext context) {
    }

    @Override
    public void requiredActionChallenge(RequiredActionContext context) {
        context.challenge(context.form().createForm(TEMPLATE));
    }

    @Override
    public void processAction(RequiredActionContext context) {
        MultivaluedMap<String, String> form = context.getHttpRequest().getDecodedFormParameters();
        String pin = form.getFirst("pin");
        if (pin == null || !pin.equals(form.getFirst("pin-confirm"))) {
            context.challenge(context.form().setError("lanyardPinMismatch").createForm(TEMPLATE));
            return;
        }
        var problem = PinSettings.of(context.getRealm(), null).problem(pin);
        if (problem.isPresent()) {
            context.challenge(context.form().setError(problem.get().messageKey(), problem.get().parameters()).createForm(TEMPLATE));
            return;
        }
        new PinService(context.getSession()).set(context.getUser(), pin);
        context.getEvent().clone().event(EventType.UPDATE_CREDENTIAL)
                .detail(Details.CREDENTIAL_TYPE, PinCredentialProvider.TYPE).success();
        context.success();
    }

    @Override
    public void close() {
    }
}
