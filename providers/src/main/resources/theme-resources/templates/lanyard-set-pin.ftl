<#-- "Set up PIN" required action. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("lanyardSetPinTitle")}
    <#elseif section = "form">
        <form id="lanyard-set-pin-form" class="${properties.kcFormClass!}" action="${url.loginAction}" method="post">
            <div class="${properties.kcFormGroupClass!}">
                <label for="pin" class="${properties.kcLabelClass!}">${msg("lanyardPinLabel")}</label>
                <input id="pin" name="pin" type="password" inputmode="numeric" pattern="[0-9]*" autocomplete="new-password"
                       class="${properties.kcInputClass!}" autofocus required>
            </div>
            <div class="${properties.kcFormGroupClass!}">
                <label for="pin-confirm" class="${properties.kcLabelClass!}">${msg("lanyardPinConfirmLabel")}</label>
                <input id="pin-confirm" name="pin-confirm" type="password" inputmode="numeric" pattern="[0-9]*" autocomplete="new-password"
                       class="${properties.kcInputClass!}" required>
            </div>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}" type="submit">${msg("doSubmit")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
