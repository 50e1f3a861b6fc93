<#-- An expired or used magic link, with a way to ask for a new one. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("lanyardMagicLinkExpiredTitle")}
    <#elseif section = "form">
        <p id="lanyard-magic-link-expired">${msg("lanyardInvalidLink")}</p>
        <#if lanyardRenew??>
            <form id="lanyard-magic-link-renew" class="${properties.kcFormClass!}" action="${lanyardRenew.action}" method="post">
                <input type="hidden" name="redirect_uri" value="${lanyardRenew.redirectUri}">
                <input type="hidden" name="client_id" value="${lanyardRenew.clientId}">
                <div class="${properties.kcFormGroupClass!}">
                    <label for="email" class="${properties.kcLabelClass!}">${msg("email")}</label>
                    <input id="email" name="email" type="email" class="${properties.kcInputClass!}" autocomplete="email" required>
                </div>
                <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("lanyardMagicLinkRenewButton")}</button>
            </form>
        </#if>
    </#if>
</@layout.registrationLayout>
