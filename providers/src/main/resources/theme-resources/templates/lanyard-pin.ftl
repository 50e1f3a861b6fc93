<#-- The PIN step: inside a login flow it posts to the flow, after a magic link to {api}/public/verify-pin/form. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("lanyardPinTitle")}
    <#elseif section = "form">
        <form id="lanyard-pin-form" class="${properties.kcFormClass!}" action="${(lanyardPin.action)!url.loginAction}" method="post">
            <#if lanyardPin??>
                <input type="hidden" name="pin_token" value="${lanyardPin.token}">
            </#if>
            <div class="${properties.kcFormGroupClass!}">
                <label for="pin" class="${properties.kcLabelClass!}">${msg("lanyardPinLabel")}</label>
                <input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*" autocomplete="one-time-code"
                       class="${properties.kcInputClass!}" autofocus required>
            </div>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("doSubmit")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
