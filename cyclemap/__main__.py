from cyclemap.launcher import main

main()
