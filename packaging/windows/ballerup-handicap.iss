; Inno Setup script: the Windows installer for Handicappolitik Ballerup.
;
;   pyinstaller --noconfirm build.spec                       (makes dist\ballerup-handicap\)
;   iscc /DAppVersion=0.1.0 packaging\windows\ballerup-handicap.iss
;
; The result is dist\ballerup-handicap-VERSION-setup.exe. By default it installs for the
; current user only, without administrator rights (%LOCALAPPDATA%\Programs); the installer
; offers "for all users" (Program Files) to those who can, and IT staff can choose it with
; /ALLUSERS (silent: /VERYSILENT /ALLUSERS). It adds a Start-menu entry, optionally a desktop
; icon, and an uninstaller (Settings > Apps). Settings and logs in the user's own folders stay
; when the app is uninstalled. Built and run by .github/workflows/release.yml.

#define AppName "Handicappolitik Ballerup"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif
#define AppExe "ballerup-handicap.exe"
#define BundleDir "..\..\dist\ballerup-handicap"

[Setup]
AppId={{453195DF-9491-4EB0-B550-FD1678930168}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=Ballerup Kommune
AppPublisherURL=https://ballerup.dk/
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog commandline
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=ballerup-handicap-{#AppVersion}-setup
SetupIconFile=..\..\resources\icons\app\app.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "danish"; MessagesFile: "compiler:Languages\Danish.isl"
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "{cm:AppComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[CustomMessages]
danish.AppComment=Ballerup Kommunes handicappolitik, let at læse og læst op
english.AppComment=Ballerup Kommune's disability policy, easy to read and read aloud

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
