<#-- The mailed link's page: one click before the link takes effect, so mail scanners confirm nothing. A link
     that finishes a login waiting in another browser also asks for the code shown there (number matching). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=true; section>
    <#if section = "header">
        ${msg("lanyardMagicLinkTitle")}
    <#elseif section = "form">
        <p id="lanyard-confirm-message">${msg(lanyardConfirm.codeRequired?then("lanyardMagicLinkCodeMessage", "lanyardMagicLinkConfirmMessage"))}</p>
        <form id="lanyard-confirm-form" class="${properties.kcFormClass!}" action="${lanyardConfirm.action}" method="post">
            <input type="hidden" name="token" value="${lanyardConfirm.token}">
            <#if lanyardConfirm.codeRequired>
                <div class="${properties.kcFormGroupClass!}">
                    <label for="lanyard-match-code" class="${properties.kcLabelClass!}">${msg("lanyardMagicLinkCodeLabel")}</label>
                    <input id="lanyard-match-code" name="code" type="text" inputmode="numeric" autocomplete="off"
                           pattern="[0-9]*" maxlength="3" required autofocus class="${properties.kcInputClass!}">
                </div>
            </#if>
            <button class="${properties.kcButtonClass!} ${properties.kcButtonPrimaryClass!} ${properties.kcButtonBlockClass!} ${properties.kcButtonLargeClass!}"
                    type="submit">${msg("lanyardMagicLinkConfirmButton")}</button>
        </form>
    </#if>
</@layout.registrationLayout>
