package dev.lanyard.keycloak.pin;

import dev.lanyard.keycloak.secrets.RealmPasswordHashing;
import org.keycloak.common.util.Time;
import org.keycloak.credential.CredentialInput;
import org.keycloak.credential.CredentialInputValidator;
import org.keycloak.credential.CredentialModel;
import org.keycloak.credential.CredentialProvider;
import org.keycloak.credential.CredentialTypeMetadata;
import org.keycloak.credential.CredentialTypeMetadataContext;
import org.keycloak.credential.hash.PasswordHashProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.credential.PasswordCredentialModel;

/**
 * The {@code pin} credential: hashed exactly like a password (the realm's hashing algorithm and
 * iterations), listed and removable under the user's credentials in the admin console.
 */
public final class PinCredentialProvider implements CredentialProvider<CredentialModel>, CredentialInputValidator {

    public static final String TYPE = PinGate.CREDENTIAL_TYPE;

    private final KeycloakSession session;

    PinCredentialProvider(KeycloakSession session) {
        this.session = session;
    }

    @Override
    public String getType() {
        return TYPE;
    }

    /** Replaces the user's PIN (a user has at most one). */
    void set(UserModel user, String pin) {
        remove(user);
        PasswordCredentialModel hashed = new RealmPasswordHashing(session).hash(pin);
        CredentialModel credential = new CredentialModel();
        credential.setType(TYPE);
        credential.setUserLabel("PIN");
        credential.setCreatedDate(Time.currentTimeMillis());
        credential.setCredentialData(hashed.getCredentialData());
        credential.setSecretData(hashed.getSecretData());
        user.credentialManager().createStoredCredential(credential);
    }

    /** Whether the user had a PIN to remove. */
    boolean remove(UserModel user) {
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).toList().stream()
                .map(credential -> user.credentialManager().removeStoredCredentialById(credential.getId()))
                .reduce(false, Boolean::logicalOr);
    }

    @Override
    public CredentialModel createCredential(RealmModel realm, UserModel user, CredentialModel credential) {
        return user.credentialManager().createStoredCredential(credential);
    }

    @Override
    public boolean deleteCredential(RealmModel realm, UserModel user, String credentialId) {
        return user.credentialManager().removeStoredCredentialById(credentialId);
    }

    @Override
    public CredentialModel getCredentialFromModel(CredentialModel model) {
        return model;
    }

    @Override
    public CredentialTypeMetadata getCredentialTypeMetadata(CredentialTypeMetadataContext context) {
        return CredentialTypeMetadata.builder()
                .type(TYPE)
                .category(CredentialTypeMetadata.Category.TWO_FACTOR)
                .displayName("lanyardPinDisplayName")
                .helpText("lanyardPinHelpText")
                .iconCssClass("kcAuthenticatorPasswordClass")
                .createAction(SetPinRequiredActionFactory.ID)
                .removeable(true)
                .build(session);
    }

    @Override
    public boolean supportsCredentialType(String credentialType) {
        return TYPE.equals(credentialType);
    }

    @Override
    public boolean isConfiguredFor(RealmModel realm, UserModel user, String credentialType) {
        return supportsCredentialType(credentialType) && user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findAny().isPresent();
    }

    @Override
    public boolean isValid(RealmModel realm, UserModel user, CredentialInput input) {
        if (!supportsCredentialType(input.getType()) || input.getChallengeResponse() == null) {
            return false;
        }
        return user.credentialManager().getStoredCredentialsByTypeStream(TYPE).findFirst()
                .map(stored -> {
                    PasswordCredentialModel hashed = PasswordCredentialModel.createFromCredentialModel(stored);
                    PasswordHashProvider hasher = session.getProvider(PasswordHashProvider.class,
                            hashed.getPasswordCredentialData().getAlgorithm());
                    return hasher != null && hasher.verify(input.getChallengeResponse(), hashed);
                })
                .orElse(false);
    }
}
